import type { Database } from '../db/database.js';
import { CandidError } from '../errors.js';
import { isWellFormedId, newId } from '../ids.js';
import type { SessionTokens } from '../tokens.js';
import type { CreatedSession, Interview, Session, SessionInput } from '../types.js';
import { Validator } from '../validation.js';
import type { InterviewService } from './interviews.js';
import { type AnswerMediaRow, type AnswerRow, type ConsentRow, type SessionRow, toAnswer, toConsentRecord } from './rows.js';

export interface CandidateContext {
  session: SessionRow;
  interview: Interview;
}

export class SessionService {
  constructor(
    private readonly db: Database,
    private readonly interviews: InterviewService,
    private readonly tokens: SessionTokens,
    private readonly sessionTtlSeconds: number,
  ) {}

  /** Creates a session for a candidate and returns its first widget token. */
  async create(input: SessionInput): Promise<CreatedSession> {
    const v = new Validator();
    const body = v.object(input, '');
    const interviewId = v.string(body.interviewId, 'interviewId', { max: 64 });
    const candidate = v.object(body.candidate, 'candidate');
    const externalId = v.string(candidate.externalId, 'candidate/externalId', { max: 200 });
    const name = v.optionalString(candidate.name, 'candidate/name', { max: 200 }) ?? null;
    const email = v.optionalString(candidate.email, 'candidate/email', { max: 320, pattern: /^[^@\s]+@[^@\s]+$/, patternHint: 'must be an e-mail address' }) ?? null;
    let expiresAt = new Date(Date.now() + this.sessionTtlSeconds * 1000);
    if (body.expiresAt !== undefined) {
      const parsed = new Date(v.string(body.expiresAt, 'expiresAt'));
      if (Number.isNaN(parsed.getTime()) || parsed.getTime() <= Date.now()) v.fail('expiresAt', 'must be an ISO date in the future');
      else expiresAt = parsed;
    }
    v.done();
    await this.interviews.get(interviewId);
    const id = newId('ses');
    await this.db.query(
      `insert into candid.sessions (id, interview_id, candidate_external_id, candidate_name, candidate_email, expires_at)
       values ($1, $2, $3, $4, $5, $6)`,
      [id, interviewId, externalId, name, email, expiresAt],
    );
    return this.issueToken(id);
  }

  /** Issues a fresh widget token for an existing session (a candidate reopening the link resumes). */
  async issueToken(sessionId: string): Promise<CreatedSession> {
    const session = await this.row(sessionId);
    const { token, expiresAt } = await this.tokens.issue(session.id, session.expires_at);
    return { sessionId: session.id, token, expiresAt: expiresAt.toISOString() };
  }

  async get(sessionId: string): Promise<Session> {
    const row = await this.row(sessionId);
    const [answers, media, consents] = await Promise.all([
      this.db.query<AnswerRow>('select * from candid.answers where session_id = $1 order by committed_at', [row.id]),
      this.db.query<AnswerMediaRow>(
        'select m.* from candid.answer_media m join candid.answers a on a.id = m.answer_id where a.session_id = $1 order by m.track',
        [row.id],
      ),
      this.db.query<ConsentRow>('select * from candid.consent_records where session_id = $1 order by decided_at', [row.id]),
    ]);
    return {
      id: row.id,
      interviewId: row.interview_id,
      candidate: { externalId: row.candidate_external_id, name: row.candidate_name, email: row.candidate_email },
      status: row.status,
      expiresAt: row.expires_at.toISOString(),
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      completedAt: row.completed_at?.toISOString() ?? null,
      answers: answers.rows.map((a) => toAnswer(a, media.rows)),
      consents: consents.rows.map(toConsentRecord),
    };
  }

  async row(sessionId: string): Promise<SessionRow> {
    if (!isWellFormedId(sessionId, 'ses')) throw new CandidError('SESSION_NOT_FOUND');
    const { rows } = await this.db.query<SessionRow>('select * from candid.sessions where id = $1', [sessionId]);
    if (!rows[0]) throw new CandidError('SESSION_NOT_FOUND');
    return rows[0];
  }

  /**
   * Resolves a candidate token to its session, rechecking the session itself on every request:
   * a valid signature on an expired or vanished session is refused.
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
    if (session.expires_at.getTime() <= Date.now()) throw new CandidError('SESSION_EXPIRED');
    const interview = await this.interviews.get(session.interview_id);
    return { session, interview };
  }

  /** Moves a session forward; the WHERE clause makes the transition atomic and one-way. */
  async transition(sessionId: string, from: SessionRow['status'][], to: SessionRow['status']): Promise<boolean> {
    const { rows } = await this.db.query(
      `update candid.sessions set status = $2, updated_at = now(),
              completed_at = case when $2 = 'completed' then now() else completed_at end
       where id = $1 and status = any($3::text[]) returning id`,
      [sessionId, to, from],
    );
    return rows.length > 0;
  }
}
