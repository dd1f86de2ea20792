import type { Database } from '../db/database.js';
import { CandidError } from '../errors.js';
import { isWellFormedId } from '../ids.js';
import { containerOfMimeType } from '../media/sniff.js';
import type { Track } from '../types.js';
import { effectiveQuestion, maxAnswerBytes } from './effective-question.js';
import { Validator } from '../validation.js';
import type { ConsentService } from './consent.js';
import type { UploadRow } from './rows.js';
import type { CandidateContext } from './sessions.js';

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

  /** Refuses uploads until the candidate has consented to recording (and after completion). */
  async assertMayUpload({ session }: CandidateContext): Promise<void> {
    if (session.status !== 'invited' && session.status !== 'consented' && session.status !== 'in_progress') throw new CandidError('SESSION_CLOSED');
    const latest = await this.consent.latest(session.id);
    if (session.status === 'invited' || !latest?.choices.recording) throw new CandidError('CONSENT_REQUIRED');
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

  async register(ctx: CandidateContext, uploadId: string, meta: UploadMetadata): Promise<void> {
    const { rows } = await this.db.query('select 1 from answers where session_id = $1 and question_id = $2', [ctx.session.id, meta.questionId]);
    if (rows.length > 0) throw new CandidError('ANSWER_ALREADY_COMMITTED');
    await this.db.query(
      `insert into uploads (id, session_id, question_id, attempt, track, mime_type) values ($1, $2, $3, $4, $5, $6)`,
      [uploadId, ctx.session.id, meta.questionId, meta.attempt, meta.track, meta.mimeType],
    );
  }

  /** The upload, if and only if it belongs to this session: other sessions' uploads are 404, not 403. */
  async getOwned(ctx: CandidateContext, uploadId: string): Promise<UploadRow> {
    if (!isWellFormedId(uploadId, 'upl')) throw new CandidError('UPLOAD_NOT_FOUND');
    const { rows } = await this.db.query<UploadRow>(
      `select u.*, exists (select 1 from answer_media m where m.upload_id = u.id) as committed
       from uploads u where u.id = $1 and u.session_id = $2`,
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
  maxBytes(ctx: CandidateContext, questionId: string, limits: { bytesPerSecond: number; hardLimit: number }): number {
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

  async markRemoved(uploadId: string): Promise<void> {
    await this.db.query('delete from uploads where id = $1 and id not in (select upload_id from answer_media)', [uploadId]);
  }

  /** The newest upload per track for one take. */
  async latestForTake(sessionId: string, questionId: string, attempt: number): Promise<UploadRow[]> {
    const { rows } = await this.db.query<UploadRow>(
      `select distinct on (track) * from uploads
       where session_id = $1 and question_id = $2 and attempt = $3
       order by track, created_at desc`,
      [sessionId, questionId, attempt],
    );
    return rows;
  }
}
