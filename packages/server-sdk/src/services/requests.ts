import type { Database } from '../db/database.js';
import type { DataKeys } from '../crypto/data-keys.js';
import { CandidError } from '../errors.js';
import { newId } from '../ids.js';
import { Validator } from '../validation.js';
import type { SessionEvents } from './session-events.js';
import type { CandidateContext, SessionService } from './sessions.js';

export const REQUEST_TYPES = ['accommodation', 'alternative_process', 'human_review', 'opt_out_ai'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export interface CandidateRequest {
  id: string;
  sessionId: string;
  type: RequestType;
  message: string | null;
  status: 'open' | 'resolved';
  createdAt: string;
}

export interface Review {
  id: string;
  sessionId: string;
  reviewer: string;
  decision: string;
  rationale: string;
  createdAt: string;
}

interface RequestRow {
  id: string;
  session_id: string;
  type: RequestType;
  message: string | null;
  status: 'open' | 'resolved';
  created_at: Date;
}
interface ReviewRow {
  id: string;
  session_id: string;
  reviewer: string;
  decision: string;
  rationale: string;
  created_at: Date;
}

export const toRequest = (r: RequestRow): CandidateRequest => ({ id: r.id, sessionId: r.session_id, type: r.type, message: r.message, status: r.status, createdAt: r.created_at.toISOString() });
export const toReview = (r: ReviewRow): Review => ({ id: r.id, sessionId: r.session_id, reviewer: r.reviewer, decision: r.decision, rationale: r.rationale, createdAt: r.created_at.toISOString() });

/** The candidate's requests (accommodation, another format, a human review, no AI) and people's decisions. */
export class RequestService {
  constructor(
    private readonly db: Database,
    private readonly sessions: SessionService,
    private readonly events: SessionEvents,
    private readonly dataKeys: DataKeys,
  ) {}

  async create(ctx: CandidateContext, input: unknown): Promise<CandidateRequest> {
    const v = new Validator();
    const body = v.object(input, '', ['type', 'message']);
    const type = v.string(body.type, 'type');
    if (type && !REQUEST_TYPES.includes(type as RequestType)) v.fail('type', `must be one of ${REQUEST_TYPES.join(', ')}`);
    const message = v.optionalString(body.message, 'message', { max: 4000 }) ?? null;
    v.done();
    // The candidate's own words: stored sealed under the session's data key.
    const { rows } = await this.db.query<RequestRow>(
      'insert into candidate_requests (id, session_id, type, message) values ($1, $2, $3, $4) returning *',
      [newId('req'), ctx.session.id, type, await this.dataKeys.sealText(ctx.session.id, message)],
    );
    const request = toRequest({ ...rows[0]!, message });
    await this.events.requestCreated(request);
    return request;
  }

  /** A person's decision with its reasons (GDPR Art. 22: a human decides). Resolves open human-review requests. */
  async review(sessionId: string, input: unknown): Promise<Review> {
    const session = await this.sessions.row(sessionId);
    const v = new Validator();
    const body = v.object(input, '', ['reviewer', 'decision', 'rationale']);
    const reviewer = v.string(body.reviewer, 'reviewer', { max: 200 });
    const decision = v.string(body.decision, 'decision', { max: 100 });
    const rationale = v.string(body.rationale, 'rationale', { max: 10_000 });
    v.done();
    if (session.status === 'erased') throw new CandidError('SESSION_ERASED');
    // Sealed before the transaction: creating a data key uses its own connection.
    const sealedRationale = (await this.dataKeys.sealText(session.id, rationale))!;
    const review = await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<ReviewRow>(
        'insert into reviews (id, session_id, reviewer, decision, rationale) values ($1, $2, $3, $4, $5) returning *',
        [newId('rev'), session.id, reviewer, decision, sealedRationale],
      );
      await tx.query(`update candidate_requests set status = 'resolved' where session_id = $1 and type = 'human_review' and status = 'open'`, [session.id]);
      return toReview({ ...rows[0]!, rationale });
    });
    await this.events.reviewRecorded(review);
    return review;
  }
}
