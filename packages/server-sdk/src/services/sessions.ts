import type { Database } from '../db/database.js';
import type { DataKeys } from '../crypto/data-keys.js';
import { CandidError } from '../errors.js';
import { isWellFormedId, newId } from '../ids.js';
import type { SessionTokens } from '../tokens.js';
import type { Accommodations, CreatedSession, EvaluationView, Interview, Session, SessionInput, SessionPage, SessionStatus } from '../types.js';
import { MAX_SESSION_LIFETIME_DAYS, Validator } from '../validation.js';
import { NO_ACCOMMODATIONS } from './effective-question.js';
import type { SessionEvents } from './session-events.js';
import type { InterviewService } from './interviews.js';
import { type AnswerExtras, type AnswerMediaRow, type AnswerRow, type ConsentRow, type SessionRow, toAnswer, toConsentRecord } from './rows.js';

export interface CandidateContext {
  session: SessionRow;
  interview: Interview;
  accommodations: Accommodations;
}

const STATUSES: readonly SessionStatus[] = ['invited', 'consented', 'in_progress', 'completed', 'scored', 'withdrawn', 'erased'];

export function accommodationsOf(row: SessionRow): Accommodations {
  return { ...NO_ACCOMMODATIONS, ...row.accommodations };
}

function parseAccommodations(v: Validator, raw: unknown): Accommodations {
  if (raw === undefined || raw === null) return NO_ACCOMMODATIONS;
  const a = v.object(raw, 'accommodations', ['timeMultiplier', 'noTimeLimit', 'extraRetakes', 'audioOnly']);
  return {
    timeMultiplier: a.timeMultiplier === undefined ? 1 : v.number(a.timeMultiplier, 'accommodations/timeMultiplier', 1, 10),
    noTimeLimit: a.noTimeLimit === undefined ? false : v.boolean(a.noTimeLimit, 'accommodations/noTimeLimit'),
    extraRetakes: v.optionalInteger(a.extraRetakes, 'accommodations/extraRetakes', 0, 10, 0),
    audioOnly: a.audioOnly === undefined ? false : v.boolean(a.audioOnly, 'accommodations/audioOnly'),
  };
}

/** Opaque cursors: the position (`seq`) of the last session of the page. */
const encodeCursor = (row: SessionRow) => Buffer.from(`s${row.seq}`).toString('base64url');

function decodeCursor(cursor: string): string | null {
  const match = /^s(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? match[1]! : null;
}

export class SessionService {
  /** Set once the event fan-out exists (it needs this service first). */
  events: SessionEvents | undefined;

  constructor(
    private readonly db: Database,
    private readonly interviews: InterviewService,
    private readonly tokens: SessionTokens,
    private readonly sessionTtlSeconds: number,
    private readonly dataKeys: DataKeys,
  ) {}

  /** Creates a session for a candidate and returns its first widget token. */
  async create(input: SessionInput): Promise<CreatedSession> {
    const v = new Validator();
    const body = v.object(input, '', ['interviewId', 'candidate', 'expiresAt', 'accommodations']);
    const interviewId = v.string(body.interviewId, 'interviewId', { max: 64 });
    const candidate = v.object(body.candidate, 'candidate', ['externalId', 'name', 'email']);
    const externalId = v.string(candidate.externalId, 'candidate/externalId', { max: 200 });
    const name = v.optionalString(candidate.name, 'candidate/name', { max: 200 }) ?? null;
    const email = v.optionalString(candidate.email, 'candidate/email', { max: 320, pattern: /^[^@\s]+@[^@\s]+$/, patternHint: 'must be an e-mail address' }) ?? null;
    let expiresAt = new Date(Date.now() + this.sessionTtlSeconds * 1000);
    if (body.expiresAt !== undefined) {
      // Bounded here, not only at the HTTP route: in-process callers reach the same column.
      const parsed = v.date(body.expiresAt, 'expiresAt', { min: Date.now() + 1000, max: Date.now() + MAX_SESSION_LIFETIME_DAYS * 86_400_000 });
      if (parsed) expiresAt = parsed;
    }
    const accommodations = parseAccommodations(v, body.accommodations);
    v.done();
    await this.interviews.get(interviewId);
    const id = newId('ses');
    // Name and e-mail are stored sealed under the session's data key (erasure destroys it).
    const [sealedName, sealedEmail] = [await this.dataKeys.sealText(id, name), await this.dataKeys.sealText(id, email)];
    await this.db.query(
      `insert into sessions (id, interview_id, candidate_external_id, candidate_name, candidate_email, expires_at, accommodations)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [id, interviewId, externalId, sealedName, sealedEmail, expiresAt, JSON.stringify(accommodations)],
    );
    return this.issueToken(id);
  }

  /** Issues a fresh widget token for an existing session (a candidate reopening the link resumes). */
  async issueToken(sessionId: string): Promise<CreatedSession> {
    const session = await this.row(sessionId);
    this.assertOpen(session);
    const { token, expiresAt } = await this.tokens.issue(session.id, session.expires_at);
    return { sessionId: session.id, token, expiresAt: expiresAt.toISOString() };
  }

  async get(sessionId: string): Promise<Session> {
    const row = await this.row(sessionId);
    return (await this.hydrate([row]))[0]!;
  }

  /** Sessions of one interview, oldest first, optionally of one status; keyset-paginated. */
  async list(query: { interviewId: unknown; status?: unknown; limit?: unknown; cursor?: unknown }): Promise<SessionPage> {
    const v = new Validator();
    const interviewId = v.string(query.interviewId, 'interviewId', { max: 64 });
    const status = query.status === undefined ? undefined : v.string(query.status, 'status');
    if (status !== undefined && !STATUSES.includes(status as SessionStatus)) v.fail('status', `must be one of ${STATUSES.join(', ')}`);
    const limit = query.limit === undefined ? 50 : v.integer(Number(query.limit), 'limit', 1, 200);
    const cursor = query.cursor === undefined ? null : decodeCursor(String(query.cursor));
    if (query.cursor !== undefined && !cursor) v.fail('cursor', 'is not a cursor this API returned');
    v.done();
    await this.interviews.get(interviewId);
    const { rows } = await this.db.query<SessionRow>(
      `select * from sessions
       where interview_id = $1 and ($2::text is null or status = $2) and ($3::bigint is null or seq > $3::bigint)
       order by seq limit $4`,
      [interviewId, status ?? null, cursor, limit + 1],
    );
    const page = rows.slice(0, limit);
    return { sessions: await this.hydrate(page), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null };
  }

  async row(sessionId: string): Promise<SessionRow> {
    if (!isWellFormedId(sessionId, 'ses')) throw new CandidError('SESSION_NOT_FOUND');
    const { rows } = await this.db.query<SessionRow>('select * from sessions where id = $1', [sessionId]);
    if (!rows[0]) throw new CandidError('SESSION_NOT_FOUND');
    return this.opened(rows[0]);
  }

  /** The row with name and e-mail decrypted (null once the session's key was destroyed). */
  private async opened(row: SessionRow): Promise<SessionRow> {
    return {
      ...row,
      candidate_name: await this.dataKeys.openTextIfKept(row.id, row.candidate_name),
      candidate_email: await this.dataKeys.openTextIfKept(row.id, row.candidate_email),
    };
  }

  /**
   * Resolves a candidate token to its session, rechecking the session itself on every request:
   * a valid signature on an expired, withdrawn, erased or vanished session is refused at once.
   */
  async authenticateCandidate(token: string): Promise<CandidateContext> {
    const sessionId = await this.tokens.verify(token);
    let session: SessionRow;
    try {
      session = await this.row(sessionId);
    } catch (error) {
      if (error instanceof CandidError && error.code === 'SESSION_NOT_FOUND') throw new CandidError('SESSION_TOKEN_INVALID', 'The session of this token no longer exists.');
      throw error;
    }
    this.assertOpen(session);
    const interview = await this.interviews.get(session.interview_id);
    return { session, interview, accommodations: accommodationsOf(session) };
  }

  /** Moves a session forward; the database trigger refuses any transition the lifecycle forbids. */
  async transition(sessionId: string, from: SessionStatus[], to: SessionStatus): Promise<boolean> {
    const { rows } = await this.db.query(
      `update sessions set status = $2, updated_at = now(),
              completed_at = case when $2 = 'completed' then now() else completed_at end,
              withdrawn_at = case when $2 = 'withdrawn' then now() else withdrawn_at end
       where id = $1 and status = any($3::text[]) returning id`,
      [sessionId, to, from],
    );
    return rows.length > 0;
  }

  /** Withdrawal of consent from the widget: recorded, and the session accepts nothing more. */
  async withdraw(ctx: CandidateContext, channel = 'widget'): Promise<{ status: SessionStatus; withdrawnAt: string }> {
    await this.db.transaction(async (tx) => {
      await tx.query('insert into consent_withdrawals (id, session_id, channel) values ($1, $2, $3)', [newId('con'), ctx.session.id, channel]);
      await tx.query(`update sessions set status = 'withdrawn', withdrawn_at = now(), updated_at = now() where id = $1 and status <> 'withdrawn'`, [ctx.session.id]);
    });
    const row = await this.row(ctx.session.id);
    await this.events?.safely('withdrawal', () => this.events!.withdrawn(ctx.session.id));
    return { status: row.status, withdrawnAt: row.withdrawn_at!.toISOString() };
  }

  /** First delivery of the notice to the candidate (the clock NYC's 10 business days count from). */
  async markNoticeDelivered(sessionId: string): Promise<void> {
    await this.db.query('update sessions set notice_delivered_at = now() where id = $1 and notice_delivered_at is null', [sessionId]);
  }

  private assertOpen(session: SessionRow): void {
    if (session.status === 'erased') throw new CandidError('SESSION_ERASED');
    if (session.status === 'withdrawn') throw new CandidError('SESSION_WITHDRAWN');
    if (session.expires_at.getTime() <= Date.now()) throw new CandidError('SESSION_EXPIRED');
  }

  /** Decrypts, in place, the columns stored sealed under each session's data key. */
  private async openSealed(
    answers: AnswerRow[],
    transcripts: AnswerExtras['transcripts'],
    evaluations: EvaluationRow[],
    scores: ScoreRow[],
    requests: RequestRow[],
    reviews: ReviewRow[],
  ): Promise<void> {
    const k = this.dataKeys;
    const sessionOfAnswer = new Map(answers.map((a) => [a.id, a.session_id]));
    await Promise.all([
      ...transcripts.map(async (t) => {
        const sessionId = sessionOfAnswer.get(t.answer_id)!;
        t.text = (await k.openTextIfKept(sessionId, t.text)) ?? '';
        t.segments = await k.openJsonIfKept(sessionId, t.segments, []);
      }),
      ...evaluations.map(async (e) => {
        e.summary = await k.openTextIfKept(e.session_id, e.summary);
      }),
      ...scores.map(async (s) => {
        s.rationale = (await k.openTextIfKept(s.session_id, s.rationale)) ?? '';
        s.evidence = await k.openJsonIfKept(s.session_id, s.evidence, { quotes: [], rejected: [] });
      }),
      ...requests.map(async (r) => {
        r.message = await k.openTextIfKept(r.session_id, r.message);
      }),
      ...reviews.map(async (r) => {
        r.rationale = (await k.openTextIfKept(r.session_id, r.rationale)) ?? '';
      }),
    ]);
  }

  private async hydrate(rows: SessionRow[]): Promise<Session[]> {
    if (rows.length === 0) return [];
    rows = await Promise.all(rows.map((row) => (row.candidate_name === null && row.candidate_email === null ? row : this.opened(row))));
    const ids = [rows.map((r) => r.id)];
    const bySessionAnswers = 'select x.* from %s x join answers a on a.id = x.answer_id where a.session_id = any($1::text[])';
    const [answers, media, consents, steps, renditions, transcripts, evaluations, scores, requests, reviews] = await Promise.all([
      this.db.query<AnswerRow>('select * from answers where session_id = any($1::text[]) order by committed_at', ids),
      this.db.query<AnswerMediaRow>(`${bySessionAnswers.replace('%s', 'answer_media')} order by x.track`, ids),
      this.db.query<ConsentRow>('select * from consent_records where session_id = any($1::text[]) order by decided_at', ids),
      this.db.query<AnswerExtras['steps'][number]>(bySessionAnswers.replace('%s', 'answer_steps'), ids),
      this.db.query<AnswerExtras['renditions'][number]>(`${bySessionAnswers.replace('%s', 'renditions')} order by x.kind`, ids),
      this.db.query<AnswerExtras['transcripts'][number]>(bySessionAnswers.replace('%s', 'transcripts'), ids),
      this.db.query<EvaluationRow>('select * from evaluations where session_id = any($1::text[])', ids),
      this.db.query<ScoreRow>('select * from competency_scores where session_id = any($1::text[]) order by question_id, competency_id', ids),
      this.db.query<RequestRow>('select * from candidate_requests where session_id = any($1::text[]) order by created_at', ids),
      this.db.query<ReviewRow>('select * from reviews where session_id = any($1::text[]) order by created_at', ids),
    ]);
    await this.openSealed(answers.rows, transcripts.rows, evaluations.rows, scores.rows, requests.rows, reviews.rows);
    const extras: AnswerExtras = { steps: steps.rows, renditions: renditions.rows, transcripts: transcripts.rows };
    return rows.map((row) => {
      const evaluation = evaluations.rows.find((e) => e.session_id === row.id);
      return {
        id: row.id,
        interviewId: row.interview_id,
        candidate: { externalId: row.candidate_external_id, name: row.candidate_name, email: row.candidate_email },
        status: row.status,
        accommodations: accommodationsOf(row),
        expiresAt: row.expires_at.toISOString(),
        createdAt: row.created_at.toISOString(),
        updatedAt: row.updated_at.toISOString(),
        completedAt: row.completed_at?.toISOString() ?? null,
        answers: answers.rows.filter((a) => a.session_id === row.id).map((a) => toAnswer(a, media.rows, extras)),
        consents: consents.rows.filter((c) => c.session_id === row.id).map(toConsentRecord),
        evaluation: evaluation ? toEvaluation(evaluation, scores.rows.filter((sc) => sc.session_id === row.id)) : null,
        requests: requests.rows
          .filter((r) => r.session_id === row.id)
          .map((r) => ({ id: r.id, type: r.type, message: r.message, status: r.status, createdAt: r.created_at.toISOString() })),
        reviews: reviews.rows
          .filter((r) => r.session_id === row.id)
          .map((r) => ({ id: r.id, reviewer: r.reviewer, decision: r.decision, rationale: r.rationale, createdAt: r.created_at.toISOString() })),
      };
    });
  }
}

interface EvaluationRow {
  session_id: string;
  status: EvaluationView['status'];
  detail: string | null;
  model: string | null;
  prompt_version: string | null;
  rubric_version: string | null;
  summary: string | null;
}
interface ScoreRow {
  session_id: string;
  question_id: string;
  competency_id: string;
  level: number;
  rationale: string;
  evidence: { quotes: string[]; rejected: string[] };
}
interface RequestRow {
  id: string;
  session_id: string;
  type: string;
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

function toEvaluation(row: EvaluationRow, scores: ScoreRow[]): EvaluationView {
  return {
    status: row.status,
    detail: row.detail,
    model: row.model,
    promptVersion: row.prompt_version,
    rubricVersion: row.rubric_version,
    summary: row.summary,
    humanReviewRequired: true,
    scores: scores.map((s) => ({
      questionId: s.question_id,
      competencyId: s.competency_id,
      level: s.level,
      rationale: s.rationale,
      evidence: s.evidence.quotes,
      rejectedEvidence: s.evidence.rejected,
    })),
  };
}
