import { createHash } from 'node:crypto';
import type { Database } from '../db/database.js';
import { CandidError } from '../errors.js';
import { newId } from '../ids.js';
import { containerOfMimeType, sniffContainer } from '../media/sniff.js';
import type { MediaStorage } from '../storage/media-storage.js';
import type { Answer, SpeechSegment } from '../types.js';
import { Validator } from '../validation.js';
import { type AnswerMediaRow, type AnswerRow, type UploadRow, toAnswer } from './rows.js';
import type { CandidateContext, SessionService } from './sessions.js';
import type { UploadService } from './uploads.js';
import { effectiveQuestion } from './effective-question.js';
import type { SessionEvents } from './session-events.js';

interface Digest {
  sha256: string;
  sizeBytes: number;
  head: Buffer;
}

export class AnswerService {
  constructor(
    private readonly db: Database,
    private readonly storage: MediaStorage,
    private readonly uploads: UploadService,
    private readonly sessions: SessionService,
    private readonly events: SessionEvents,
  ) {}

  /**
   * Commits one take of a question: its uploads must be complete, their bytes must be the media
   * type they claimed, and only one take per question is ever committed. Repeating the same commit
   * returns the stored answer (safe to retry after a dropped response).
   */
  async commit(ctx: CandidateContext, questionId: string, input: unknown): Promise<Answer> {
    const question = ctx.interview.questions.find((q) => q.id === questionId);
    if (!question) throw new CandidError('QUESTION_NOT_FOUND');
    const v = new Validator();
    const body = v.object(input, '', ['attempt', 'durationMs', 'speechSegments', 'silent']);
    const silent = body.silent === undefined ? false : v.boolean(body.silent, 'silent');
    const attempt = v.integer(body.attempt, 'attempt', 1, 1000);
    const durationMs = body.durationMs === undefined ? null : v.integer(body.durationMs, 'durationMs', 0, 4 * 60 * 60 * 1000);
    const speechSegments = (body.speechSegments === undefined ? [] : v.array(body.speechSegments, 'speechSegments', 0, 10_000)).map(
      (raw, i): SpeechSegment => {
        const s = v.object(raw, `speechSegments/${i}`, ['startMs', 'endMs']);
        const startMs = v.integer(s.startMs, `speechSegments/${i}/startMs`, 0, 4 * 60 * 60 * 1000);
        const endMs = v.integer(s.endMs, `speechSegments/${i}/endMs`, 0, 4 * 60 * 60 * 1000);
        if (endMs < startMs) v.fail(`speechSegments/${i}/endMs`, 'must not be before startMs');
        return { startMs, endMs };
      },
    );
    v.done();

    await this.#assertAcceptsRecording(ctx);
    if (attempt > effectiveQuestion(question, ctx.accommodations).maxRetakes + 1) throw new CandidError('ATTEMPT_LIMIT_REACHED');

    const existing = await this.findCommitted(ctx.session.id, questionId);
    if (existing) {
      if (existing.attempt === attempt) return existing;
      throw new CandidError('ANSWER_ALREADY_COMMITTED');
    }

    const takeUploads = await this.uploads.latestForTake(ctx.session.id, questionId, attempt);
    if (!takeUploads.some((u) => u.track === 'video' || u.track === 'audio')) throw new CandidError('UPLOAD_MISSING');
    const digests = new Map<string, Digest>();
    for (const upload of takeUploads) digests.set(upload.id, await this.verifyUpload(upload));

    const answerId = newId('ans');
    try {
      await this.db.transaction(async (tx) => {
        await tx.query(
          `insert into answers (id, session_id, question_id, attempt, duration_ms, speech_segments, silent)
           values ($1, $2, $3, $4, $5, $6, $7)`,
          [answerId, ctx.session.id, questionId, attempt, durationMs, JSON.stringify(speechSegments), silent],
        );
        for (const upload of takeUploads) {
          const digest = digests.get(upload.id)!;
          await tx.query(
            `insert into answer_media (answer_id, upload_id, track, mime_type, size_bytes, sha256) values ($1, $2, $3, $4, $5, $6)`,
            [answerId, upload.id, upload.track, upload.mime_type, digest.sizeBytes, digest.sha256],
          );
        }
        await tx.query(
          `update sessions set status = 'in_progress', updated_at = now() where id = $1 and status = 'consented'`,
          [ctx.session.id],
        );
      });
    } catch (error) {
      // A concurrent commit of the same question won the unique constraint: answer as if it were a retry.
      const winner = await this.findCommitted(ctx.session.id, questionId);
      if (winner?.attempt === attempt) return winner;
      if (winner) throw new CandidError('ANSWER_ALREADY_COMMITTED');
      throw error;
    }
    const answer = (await this.findCommitted(ctx.session.id, questionId))!;
    await this.events.safely('answer stored', () => this.events.answerStored(ctx.session.id, answer));
    return answer;
  }

  async findCommitted(sessionId: string, questionId: string): Promise<Answer | null> {
    const { rows } = await this.db.query<AnswerRow>('select * from answers where session_id = $1 and question_id = $2', [sessionId, questionId]);
    if (!rows[0]) return null;
    const media = await this.db.query<AnswerMediaRow>('select * from answer_media where answer_id = $1 order by track', [rows[0].id]);
    return toAnswer(rows[0], media.rows);
  }

  /** Marks the session completed once every question has a committed answer. */
  async complete(ctx: CandidateContext): Promise<{ status: 'completed' }> {
    if (ctx.session.status === 'completed' || ctx.session.status === 'scored') return { status: 'completed' };
    await this.#assertAcceptsRecording(ctx);
    const { rows } = await this.db.query<{ question_id: string }>('select question_id from answers where session_id = $1', [ctx.session.id]);
    const answered = new Set(rows.map((r) => r.question_id));
    const missing = ctx.interview.questions.filter((q) => !answered.has(q.id)).map((q) => q.id);
    if (missing.length > 0) throw new CandidError('ANSWERS_MISSING', `No committed answer yet for: ${missing.join(', ')}.`);
    if (await this.sessions.transition(ctx.session.id, ['in_progress'], 'completed')) {
      await this.events.safely('session completed', () => this.events.completed(ctx.session.id));
    }
    return { status: 'completed' };
  }

  /** The rule of `recording-gate.ts` (the session's state and latest consent), as for every upload. */
  #assertAcceptsRecording(ctx: CandidateContext): Promise<void> {
    return this.uploads.assertMayUpload(ctx);
  }

  async #digest(uploadId: string): Promise<Digest> {
    const hash = createHash('sha256');
    const headParts: Buffer[] = [];
    let headLength = 0;
    let sizeBytes = 0;
    for await (const chunk of await this.storage.read(uploadId)) {
      const buffer = chunk as Buffer;
      hash.update(buffer);
      sizeBytes += buffer.length;
      if (headLength < 16) {
        headParts.push(buffer.subarray(0, 16 - headLength));
        headLength += Math.min(buffer.length, 16 - headLength);
      }
    }
    return { sha256: hash.digest('hex'), sizeBytes, head: Buffer.concat(headParts) };
  }

  private async verifyUpload(upload: UploadRow): Promise<Digest> {
    const status = await this.storage.status(upload.id).catch(() => null);
    if (!status) throw new CandidError('UPLOAD_MISSING');
    if (status.size === undefined || status.offset !== status.size) {
      throw new CandidError('UPLOAD_INCOMPLETE', `The ${upload.track} upload has ${status.offset} of ${status.size ?? 'an undeclared number of'} bytes.`);
    }
    const digest = await this.#digest(upload.id);
    const claimed = containerOfMimeType(upload.mime_type);
    const actual = sniffContainer(digest.head);
    if (!actual || actual !== claimed) {
      throw new CandidError('UNSUPPORTED_MEDIA_TYPE', `The ${upload.track} upload was declared ${upload.mime_type} but its bytes are ${actual ?? 'not a recognised media container'}.`);
    }
    return digest;
  }
}
