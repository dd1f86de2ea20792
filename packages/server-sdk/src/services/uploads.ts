import type { Database } from '../db/database.js';
import { CandidError } from '../errors.js';
import { isWellFormedId } from '../ids.js';
import { containerOfMimeType } from '../media/sniff.js';
import type { Track } from '../types.js';
import { effectiveQuestion, maxAnswerBytes } from './effective-question.js';
import { Validator } from '../validation.js';
import type { ConsentService } from './consent.js';
import { assertAcceptsRecording } from './recording-gate.js';
import type { UploadRow } from './rows.js';
import type { CandidateContext } from './sessions.js';

/** Uploads one take may create per track (the widget needs one; a reload after a lost upload, one more). */
export const MAX_UPLOADS_PER_TAKE_TRACK = 5;

/** The deployment's media byte limits (`maxUploadBytes`, `uploadBytesPerSecond`). */
export interface ByteLimits {
  bytesPerSecond: number;
  hardLimit: number;
}

export interface UploadMetadata {
  questionId: string;
  attempt: number;
  track: Track;
  mimeType: string;
}

/** The uploads table: which session owns which tus upload, and for which take and track. */
export class UploadService {
  constructor(
    private readonly db: Database,
    private readonly consent: ConsentService,
  ) {}

  /**
   * Upload creation, answer commit, completion: the session's state and latest consent must allow
   * recording (`recording-gate.ts`).
   */
  async assertMayUpload({ session }: CandidateContext): Promise<void> {
    const latest = await this.consent.latest(session.id);
    assertAcceptsRecording(session, latest && { recording: latest.choices.recording, ageConfirmed: latest.ageConfirmed });
  }

  /**
   * Every PATCH: the same rule, from the upload row `getOwned` loaded with the latest consent in the
   * same query (no extra round trip per chunk); committed uploads are frozen.
   */
  assertMayWrite(ctx: CandidateContext, upload: UploadRow): void {
    this.assertMutable(upload);
    assertAcceptsRecording(ctx.session, { recording: upload.consent_recording === true, ageConfirmed: upload.consent_age_confirmed === true });
  }

  parseMetadata(ctx: CandidateContext, raw: Record<string, string | null> | undefined): UploadMetadata {
    const v = new Validator();
    const meta = raw ?? {};
    const questionId = v.string(meta.questionId, 'Upload-Metadata/questionId', { max: 64 });
    const found = ctx.interview.questions.find((q) => q.id === questionId);
    if (questionId && !found) throw new CandidError('QUESTION_NOT_FOUND');
    const maxAttempt = found ? effectiveQuestion(found, ctx.accommodations).maxRetakes + 1 : 1;
    const attempt = Number(meta.attempt);
    if (!/^\d{1,4}$/.test(meta.attempt ?? '') || attempt < 1 || attempt > maxAttempt) {
      v.fail('Upload-Metadata/attempt', `must be an integer from 1 to ${maxAttempt}`);
    }
    const track = meta.track;
    if (track !== 'video' && track !== 'audio') v.fail('Upload-Metadata/track', 'must be "video" or "audio"');
    const mimeType = v.string(meta.mimeType, 'Upload-Metadata/mimeType', { max: 100 });
    v.done();
    if (!containerOfMimeType(mimeType)) {
      throw new CandidError('UNSUPPORTED_MEDIA_TYPE', `Media type ${JSON.stringify(mimeType)} is not accepted; use video/webm, video/mp4, audio/webm, audio/mp4 or audio/ogg.`);
    }
    return { questionId, attempt, track: track as Track, mimeType };
  }

  /**
   * Records a new upload for a take, within the caps: at most `MAX_UPLOADS_PER_TAKE_TRACK` uploads
   * per take and track (a reload re-creates one, an attacker could create thousands: 429; creations
   * storage refused do not count, see `markCreateFailed`), and the
   * session's finished uploads within its byte budget (`sessionByteBudget`: 413).
   */
  async register(ctx: CandidateContext, uploadId: string, meta: UploadMetadata, limits: ByteLimits, declaredBytes: number | null): Promise<void> {
    const { rows } = await this.db.query<{ committed: boolean; take_uploads: string | number; session_bytes: string | number | null }>(
      `select exists (select 1 from answers where session_id = $1 and question_id = $2) as committed,
              (select count(*) from uploads where session_id = $1 and question_id = $2 and attempt = $3 and track = $4 and status <> 'failed') as take_uploads,
              (select sum(size_bytes) from uploads where session_id = $1 and status = 'complete') as session_bytes`,
      [ctx.session.id, meta.questionId, meta.attempt, meta.track],
    );
    const facts = rows[0]!;
    if (facts.committed) throw new CandidError('ANSWER_ALREADY_COMMITTED');
    if (Number(facts.take_uploads) >= MAX_UPLOADS_PER_TAKE_TRACK) {
      throw new CandidError('UPLOAD_LIMIT_REACHED', `This take already has ${MAX_UPLOADS_PER_TAKE_TRACK} ${meta.track} uploads; resume one of them (HEAD, then PATCH from its offset).`);
    }
    const budget = this.sessionByteBudget(ctx, limits);
    if (Number(facts.session_bytes ?? 0) + (declaredBytes ?? 0) > budget) {
      throw new CandidError('SESSION_STORAGE_LIMIT', `This session's uploads would exceed its ${budget} bytes.`);
    }
    await this.db.query(
      `insert into uploads (id, session_id, question_id, attempt, track, mime_type) values ($1, $2, $3, $4, $5, $6)`,
      [uploadId, ctx.session.id, meta.questionId, meta.attempt, meta.track, meta.mimeType],
    );
  }

  /**
   * The most bytes a session's finished uploads may hold: every allowed attempt of every question
   * at its longest, on both tracks. In-flight uploads are held to their own cap (`maxBytes`) and
   * their number to the per-take cap, so the total stays bounded.
   */
  sessionByteBudget(ctx: CandidateContext, limits: ByteLimits): number {
    return ctx.interview.questions.reduce((sum, question) => {
      const effective = effectiveQuestion(question, ctx.accommodations);
      return sum + 2 * (effective.maxRetakes + 1) * this.maxBytes(ctx, question.id, limits);
    }, 0);
  }

  /** The upload, if and only if it belongs to this session: other sessions' uploads are 404, not 403. */
  async getOwned(ctx: CandidateContext, uploadId: string): Promise<UploadRow> {
    if (!isWellFormedId(uploadId, 'upl')) throw new CandidError('UPLOAD_NOT_FOUND');
    const { rows } = await this.db.query<UploadRow>(
      `select u.*, exists (select 1 from answer_media m where m.upload_id = u.id) as committed,
              c.recording as consent_recording, c.age_confirmed as consent_age_confirmed
       from uploads u
       left join lateral (select recording, age_confirmed from consent_records where session_id = u.session_id
                          order by decided_at desc, id desc limit 1) c on true
       where u.id = $1 and u.session_id = $2`,
      [uploadId, ctx.session.id],
    );
    if (!rows[0]) throw new CandidError('UPLOAD_NOT_FOUND');
    return rows[0];
  }

  /** Bytes of a committed answer are frozen: no more PATCH or DELETE. */
  assertMutable(upload: UploadRow): void {
    if (upload.committed) throw new CandidError('ANSWER_ALREADY_COMMITTED', 'This upload belongs to a committed answer and can no longer change.');
  }

  /** The most bytes this upload may hold: its question's answer time, after accommodations. */
  maxBytes(ctx: CandidateContext, questionId: string, limits: ByteLimits): number {
    const question = ctx.interview.questions.find((q) => q.id === questionId);
    if (!question) return limits.hardLimit;
    return maxAnswerBytes(effectiveQuestion(question, ctx.accommodations), limits.bytesPerSecond, limits.hardLimit, ctx.interview.flow?.allowTimeExtension !== false);
  }

  async markComplete(uploadId: string, sizeBytes: number): Promise<void> {
    await this.db.query(
      `update uploads set status = 'complete', size_bytes = $2, completed_at = now() where id = $1`,
      [uploadId, sizeBytes],
    );
  }

  /**
   * Storage failed to create the upload the row was registered for (an outage): the client got an
   * error and no Location, so it will retry with a new upload. The row stays, so the retention
   * sweep still removes whatever storage half-created, but it no longer counts against the cap.
   */
  async markCreateFailed(uploadId: string): Promise<void> {
    await this.db.query(`update uploads set status = 'failed' where id = $1 and status = 'receiving'`, [uploadId]);
  }

  async markRemoved(uploadId: string): Promise<void> {
    await this.db.query('delete from uploads where id = $1 and id not in (select upload_id from answer_media)', [uploadId]);
  }

  /** The newest upload per track for one take. */
  async latestForTake(sessionId: string, questionId: string, attempt: number): Promise<UploadRow[]> {
    const { rows } = await this.db.query<UploadRow>(
      `select distinct on (track) * from uploads
       where session_id = $1 and question_id = $2 and attempt = $3 and status <> 'failed'
       order by track, created_at desc`,
      [sessionId, questionId, attempt],
    );
    return rows;
  }
}
