import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import OpenAI from 'openai';
import { buildRubric, type Evaluation, Scorer } from '../ai/scorer.js';
import { Transcriber } from '../ai/transcriber.js';
import type { Database } from '../db/database.js';
import type { DataKeys } from '../crypto/data-keys.js';
import { QUEUES, type JobQueue } from '../jobs/job-queue.js';
import type { AuditLog } from '../audit/audit-log.js';
import { addBusinessDays, resolvePolicy } from '../compliance/policy.js';
import type { Logger } from '../logger.js';
import type { Ffmpeg } from '../media/ffmpeg.js';
import { HLS_MIME_TYPE, pointPlaylistAtRendition } from '../media/hls-playlist.js';
import { mediaContentType } from '../http/media-type.js';
import type { RenditionKind } from '../media/rendition-kinds.js';
import type { InterviewService } from '../services/interviews.js';
import type { MediaStorage } from '../storage/media-storage.js';
import type { Track } from '../types.js';
import type { WebhookEmitter } from '../webhooks/events.js';
import { downloadUpload, withScratch } from './source-files.js';
import { StepStore } from './steps.js';

export interface AiSettings {
  apiKey: string;
  baseURL: string | undefined;
  transcriptionModel: string;
  scoringModel: string;
}

interface AnswerFacts {
  id: string;
  session_id: string;
  question_id: string;
  silent: boolean;
  tracks: Array<{ track: Track; upload_id: string; mime_type: string }>;
}

type JobMeta = { retryCount: number };
/** Why AI steps are skipped while the candidate's restriction or objection holds (lifted: they resume). */
const RESTRICTED = 'Processing is restricted (or objected to) by the candidate: the data is kept, not evaluated.';
const isFinalAttempt = (job: JobMeta, queue: { retryLimit: number }) => job.retryCount >= queue.retryLimit;
/** A step started this often without ending (its worker died each time) is not queued again. */
const MAX_STEP_ATTEMPTS = 20;

/**
 * After an answer is committed: media (ffmpeg) → transcription (audio only) → scoring (text and
 * rubric only) → `session.scored`. Every step ends done, skipped or failed with a reason a person
 * can read; a retry that runs twice (a worker died) cannot store or announce a second result.
 */
/** The answer was deleted (erasure) while a step worked on it. */
class AnswerGone extends Error {
  constructor(answerId: string) {
    super(`answer ${answerId} was deleted while the pipeline worked on it`);
  }
}

/** PostgreSQL's foreign_key_violation (PGlite reports the same code). */
const isForeignKeyViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === '23503';

export class Pipeline {
  readonly #steps: StepStore;
  readonly #transcriber: Transcriber | null;
  readonly #scorer: Scorer | null;

  constructor(
    private readonly deps: {
      db: Database;
      storage: MediaStorage;
      jobs: JobQueue;
      webhooks: WebhookEmitter;
      interviews: InterviewService;
      ffmpeg: Ffmpeg | null;
      /** Also cut an HLS rendition from video answers' review mp4. */
      hlsRendition: boolean;
      ai: AiSettings | undefined;
      logger: Logger;
      dataKeys: DataKeys;
      audit?: AuditLog;
    },
  ) {
    this.#steps = new StepStore(deps.db);
    if (deps.ai) {
      // Retries belong to the job queue (with backoff), not to the HTTP client.
      const client = new OpenAI({ apiKey: deps.ai.apiKey, baseURL: deps.ai.baseURL, maxRetries: 0, timeout: 180_000 });
      this.#transcriber = new Transcriber(client, deps.ai.transcriptionModel);
      this.#scorer = new Scorer(client, deps.ai.scoringModel);
    } else {
      this.#transcriber = null;
      this.#scorer = null;
    }
  }

  /** Transcription and scoring can run here: an OpenAI-compatible API is configured. */
  get aiConfigured(): boolean {
    return this.#transcriber !== null && this.#scorer !== null;
  }

  // ---- triggers (called by the services) ----------------------------------------------------

  async answerCommitted(answerId: string): Promise<void> {
    await this.#steps.init(answerId);
    await this.deps.jobs.send(QUEUES.processAnswer.name, { answerId }, { singletonKey: answerId });
  }

  async sessionCompleted(sessionId: string): Promise<void> {
    const skip = await this.#scoringSkipReason(sessionId);
    await this.deps.db.query(
      `insert into evaluations (session_id, status, detail) values ($1, $2, $3) on conflict (session_id) do nothing`,
      [sessionId, skip ? 'skipped' : 'pending', skip],
    );
    await this.#maybeScore(sessionId);
  }

  /**
   * Queues what a crash left undone. Committing an answer or completing a session and queuing its
   * job are two steps: a process that dies between them leaves an answer that is never processed
   * (or, worse, left out of scoring) or a session that is never evaluated. Run at every worker
   * start and by the daily sweep job; it queues only what no live job already covers, so it is
   * safe to repeat. A step that keeps killing its worker is given up after `MAX_STEP_ATTEMPTS`.
   */
  async catchUp(): Promise<{ answers: string[]; sessions: string[] }> {
    const { db, jobs } = this.deps;
    const answers: string[] = [];
    const sessions: string[] = [];
    // Answers whose steps were never created, or whose open step has no job behind it.
    const open = await db.query<{ id: string; media: string | null; transcription: string | null }>(
      `select a.id, m.status as media, t.status as transcription
       from answers a join sessions s on s.id = a.session_id
       left join answer_steps m on m.answer_id = a.id and m.step = 'media'
       left join answer_steps t on t.answer_id = a.id and t.step = 'transcription'
       where s.status not in ('erased')
         and (m.status is null or t.status is null
              or (m.status in ('pending', 'running') and m.attempts < $1)
              or (t.status in ('pending', 'running') and t.attempts < $1))
         and a.committed_at < now() - interval '1 minute'
       order by a.committed_at`,
      [MAX_STEP_ATTEMPTS],
    );
    for (const row of open.rows) {
      if (row.media === null || row.transcription === null) {
        await this.answerCommitted(row.id);
      } else if (['pending', 'running'].includes(row.media)) {
        if (await jobs.hasLiveJob(QUEUES.processAnswer.name, 'answerId', row.id)) continue;
        await jobs.send(QUEUES.processAnswer.name, { answerId: row.id }, { singletonKey: row.id });
      } else {
        if (await jobs.hasLiveJob(QUEUES.transcribeAnswer.name, 'answerId', row.id)) continue;
        await jobs.send(QUEUES.transcribeAnswer.name, { answerId: row.id }, { singletonKey: row.id });
      }
      answers.push(row.id);
    }
    // Completed sessions without an evaluation, and pending evaluations no scoring job will settle.
    const unsettled = await db.query<{ id: string; evaluation: string | null }>(
      `select s.id, e.status as evaluation from sessions s left join evaluations e on e.session_id = s.id
       where s.status = 'completed' and (e.status is null or e.status = 'pending')
         and s.completed_at < now() - interval '1 minute'
       order by s.completed_at`,
    );
    for (const row of unsettled.rows) {
      if (row.evaluation === null) {
        await this.sessionCompleted(row.id);
      } else {
        if (await jobs.hasLiveJob(QUEUES.scoreSession.name, 'sessionId', row.id)) continue;
        if (!(await this.#steps.transcriptionsSettled(row.id))) continue; // its answers' steps are queued above
        await this.#maybeScore(row.id);
      }
      sessions.push(row.id);
    }
    if (answers.length + sessions.length > 0) this.deps.logger.warn({ answers, sessions }, 'pipeline: queued work a crash or restart left undone');
    return { answers, sessions };
  }

  /** The candidate opted out of automated evaluation, or withdrew: a pending evaluation stops. */
  async stopEvaluation(sessionId: string, reason: string): Promise<void> {
    await this.deps.db.query(
      `insert into evaluations (session_id, status, detail) values ($1, 'skipped', $2)
       on conflict (session_id) do update set status = 'skipped', detail = $2, updated_at = now() where evaluations.status = 'pending'`,
      [sessionId, reason],
    );
  }

  async startWorkers(): Promise<void> {
    const { jobs } = this.deps;
    await jobs.work<{ answerId: string }>(QUEUES.processAnswer.name, (data, job) => this.#mediaStep(data.answerId, job));
    await jobs.work<{ answerId: string }>(QUEUES.transcribeAnswer.name, (data, job) => this.#transcriptionStep(data.answerId, job));
    await jobs.work<{ sessionId: string }>(QUEUES.scoreSession.name, (data, job) => this.#scoringStep(data.sessionId, job));
    void this.catchUp().catch((error: unknown) => this.deps.logger.error({ err: error }, 'pipeline catch-up failed; the daily sweep tries again'));
  }

  // ---- steps --------------------------------------------------------------------------------

  async #mediaStep(answerId: string, job: JobMeta): Promise<void> {
    const answer = await this.#answer(answerId);
    if (!answer) return;
    const { ffmpeg, storage, db } = this.deps;
    if (!ffmpeg) {
      await this.#steps.set(answerId, 'media', 'skipped', 'ffmpeg is not installed on this server: no seekable copy or mp4 rendition was made (the original upload is kept as is).');
      await this.#nextAfterMedia(answerId);
      return;
    }
    await this.#steps.set(answerId, 'media', 'running');
    try {
      await withScratch(async (dir) => {
        const main = answer.tracks.find((t) => t.track === 'video') ?? answer.tracks[0]!;
        for (const track of answer.tracks) {
          const file = await downloadUpload(storage, track.upload_id, path.join(dir, `${track.track}.src`));
          const probe = await ffmpeg.probe(file);
          await db.query('update answer_media set probe = $3 where answer_id = $1 and track = $2', [answerId, track.track, JSON.stringify(probe)]);
          if (track !== main) continue;
          const hasVideo = probe.streams.some((s) => s.type === 'video');
          if (main.mime_type.includes('webm')) {
            const seekable = path.join(dir, 'seekable.webm');
            await ffmpeg.remuxSeekableWebm(file, seekable);
            // The stored upload type, checked again: it becomes the S3 object's Content-Type and the media route's.
            await this.#storeRendition(answerId, 'webm', seekable, mediaContentType(main.mime_type), (await ffmpeg.probe(seekable)).durationMs);
          }
          const mp4 = path.join(dir, 'review.mp4');
          await ffmpeg.renderReviewMp4(file, mp4, hasVideo);
          const { durationMs } = await ffmpeg.probe(mp4);
          await this.#storeRendition(answerId, 'mp4', mp4, hasVideo ? 'video/mp4' : 'audio/mp4', durationMs);
          if (hasVideo && this.deps.hlsRendition) await this.#storeHls(answerId, mp4, durationMs, dir, ffmpeg);
        }
      });
      await this.#steps.set(answerId, 'media', 'done');
    } catch (error) {
      if (error instanceof AnswerGone) {
        this.deps.logger.info({ answerId }, 'pipeline: the answer was erased while its renditions were made; stopped');
        return;
      }
      if (!isFinalAttempt(job, QUEUES.processAnswer)) throw error;
      await this.#steps.set(answerId, 'media', 'failed', `ffmpeg could not process the recording: ${(error as Error).message}`);
    }
    await this.#nextAfterMedia(answerId);
  }

  async #storeRendition(answerId: string, kind: RenditionKind, file: string, mimeType: string, durationMs: number | null): Promise<void> {
    const { key, sizeBytes } = await this.deps.storage.putDerived(`${answerId}.${kind}`, file, mimeType);
    try {
      await this.deps.db.query(
        `insert into renditions (answer_id, kind, storage_key, mime_type, size_bytes, duration_ms) values ($1, $2, $3, $4, $5, $6)
         on conflict (answer_id, kind) do update set storage_key = $3, mime_type = $4, size_bytes = $5, duration_ms = $6`,
        [answerId, kind, key, mimeType, sizeBytes, durationMs],
      );
    } catch (error) {
      if (!isForeignKeyViolation(error)) throw error;
      // The answer was erased while this was being made: nothing of it may stay behind.
      await this.deps.storage.removeDerived(`${answerId}.${kind}`);
      throw new AnswerGone(answerId);
    }
  }

  /**
   * HLS for reviewers' players (hls.js, or native HLS): the fMP4 file first, then the playlist
   * that points at it, so a listed `hls` rendition always has its media. Both are stream copies
   * of the review mp4: its duration is theirs.
   */
  async #storeHls(answerId: string, reviewMp4: string, durationMs: number | null, dir: string, ffmpeg: Ffmpeg): Promise<void> {
    const hlsDir = path.join(dir, 'hls');
    await mkdir(hlsDir);
    const { playlist, media } = await ffmpeg.segmentHls(reviewMp4, hlsDir);
    const pointed = path.join(hlsDir, 'pointed.m3u8');
    await writeFile(pointed, pointPlaylistAtRendition(await readFile(playlist, 'utf8'), path.basename(media)));
    await this.#storeRendition(answerId, 'fmp4', media, 'video/mp4', durationMs);
    await this.#storeRendition(answerId, 'hls', pointed, HLS_MIME_TYPE, durationMs);
  }

  async #nextAfterMedia(answerId: string): Promise<void> {
    await this.deps.jobs.send(QUEUES.transcribeAnswer.name, { answerId }, { singletonKey: answerId });
  }

  async #transcriptionStep(answerId: string, job: JobMeta): Promise<void> {
    const answer = await this.#answer(answerId);
    if (!answer) return;
    const skip = await this.#transcriptionSkipReason(answer);
    if (skip) {
      await this.#steps.set(answerId, 'transcription', 'skipped', skip);
    } else {
      await this.#steps.set(answerId, 'transcription', 'running');
      try {
        const transcript = await withScratch(async (dir) => {
          const audio = answer.tracks.find((t) => t.track === 'audio');
          const source = audio ?? answer.tracks.find((t) => t.track === 'video')!;
          let file = await downloadUpload(this.deps.storage, source.upload_id, path.join(dir, 'source'));
          let mimeType = source.mime_type;
          if (!audio) {
            // Only the audio goes to the API: ffmpeg strips the video frames first.
            const extracted = path.join(dir, 'speech.webm');
            await this.deps.ffmpeg!.extractSpeechAudio(file, extracted);
            file = extracted;
            mimeType = 'audio/webm';
          }
          return this.#transcriber!.transcribe(file, mimeType, dir, this.deps.ffmpeg);
        });
        await this.deps.db.query(
          `insert into transcripts (answer_id, model, language, text, segments) values ($1, $2, $3, $4, $5)
           on conflict (answer_id) do nothing`,
          [
            answerId,
            transcript.model,
            transcript.language,
            await this.deps.dataKeys.sealText(answer.session_id, transcript.text),
            await this.deps.dataKeys.sealJson(answer.session_id, transcript.segments),
          ],
        );
        await this.#steps.set(answerId, 'transcription', 'done');
      } catch (error) {
        if (!isFinalAttempt(job, QUEUES.transcribeAnswer)) throw error;
        await this.#steps.set(answerId, 'transcription', 'failed', `Transcription failed after every retry: ${(error as Error).message}`);
      }
    }
    await this.#maybeScore(answer.session_id);
  }

  async #scoringStep(sessionId: string, job: JobMeta): Promise<void> {
    const pending = await this.deps.db.query<{ status: string }>('select status from evaluations where session_id = $1', [sessionId]);
    if (pending.rows[0]?.status !== 'pending') return; // done by another worker, or skipped meanwhile
    const skip = await this.#scoringSkipReason(sessionId);
    if (skip) {
      await this.stopEvaluation(sessionId, skip);
      return;
    }
    let evaluation: Evaluation;
    try {
      const { interview_id } = (await this.deps.db.query<{ interview_id: string }>('select interview_id from sessions where id = $1', [sessionId])).rows[0]!;
      const interview = await this.deps.interviews.get(interview_id);
      const rubric = buildRubric(interview.questions);
      const { rows } = await this.deps.db.query<{ question_id: string; text: string }>(
        'select a.question_id, t.text from transcripts t join answers a on a.id = t.answer_id where a.session_id = $1',
        [sessionId],
      );
      const transcripts = new Map<string, string>();
      for (const r of rows) transcripts.set(r.question_id, (await this.deps.dataKeys.openText(sessionId, r.text))!);
      if (transcripts.size === 0) {
        await this.stopEvaluation(sessionId, 'No answer has a transcript (silent, skipped or failed transcription), so there is nothing to evaluate.');
        return;
      }
      evaluation = await this.#scorer!.score(rubric, transcripts);
    } catch (error) {
      if (!isFinalAttempt(job, QUEUES.scoreSession)) throw error;
      await this.deps.db.query(`update evaluations set status = 'failed', detail = $2, updated_at = now() where session_id = $1 and status = 'pending'`, [
        sessionId,
        `Scoring failed after every retry: ${(error as Error).message}`,
      ]);
      await this.deps.webhooks.emit('session.processing_failed', { sessionId, step: 'scoring', detail: (error as Error).message }, { sessionId, dedupeKey: `session.processing_failed:scoring:${sessionId}` });
      return;
    }
    await this.#storeEvaluation(sessionId, evaluation);
  }

  /** Stores the first evaluation to arrive (row lock on `evaluations`) and announces it once. */
  async #storeEvaluation(sessionId: string, evaluation: Evaluation): Promise<void> {
    // Sealed before the transaction (creating a data key uses its own connection).
    const keys = this.deps.dataKeys;
    const sealedScores = await Promise.all(
      evaluation.scores.map(async (s) => ({
        rationale: await keys.sealText(sessionId, s.rationale),
        evidence: await keys.sealJson(sessionId, { quotes: s.evidence, rejected: s.rejectedEvidence }),
      })),
    );
    const sealedSummary = await keys.sealText(sessionId, evaluation.summary);
    const sealedResult = await keys.sealJson(sessionId, evaluation);
    const stored = await this.deps.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ status: string }>('select status from evaluations where session_id = $1 for update', [sessionId]);
      if (rows[0]?.status !== 'pending') return false;
      for (const [i, s] of evaluation.scores.entries()) {
        await tx.query(
          `insert into competency_scores (session_id, question_id, competency_id, level, rationale, evidence) values ($1, $2, $3, $4, $5, $6)`,
          [sessionId, s.questionId, s.competencyId, s.level, sealedScores[i]!.rationale, sealedScores[i]!.evidence],
        );
      }
      await tx.query(
        `update evaluations set status = 'scored', model = $2, prompt_version = $3, rubric_version = $4, summary = $5, result = $6, detail = null, updated_at = now()
         where session_id = $1`,
        [sessionId, evaluation.model, evaluation.promptVersion, evaluation.rubricVersion, sealedSummary, sealedResult],
      );
      await tx.query(`update sessions set status = 'scored', updated_at = now() where id = $1 and status = 'completed'`, [sessionId]);
      return true;
    });
    if (!stored) return;
    await this.deps.audit
      ?.append({ type: 'system', id: 'pipeline' }, { action: 'score_generated', objectType: 'session', objectId: sessionId, sessionId, detail: { model: evaluation.model, promptVersion: evaluation.promptVersion, rubricVersion: evaluation.rubricVersion, scores: evaluation.scores.length } })
      .catch((error: unknown) => this.deps.logger.error({ err: error, sessionId }, 'audit append failed'));
    await this.deps.webhooks.emit(
      'session.scored',
      {
        sessionId,
        humanReviewRequired: true,
        model: evaluation.model,
        promptVersion: evaluation.promptVersion,
        rubricVersion: evaluation.rubricVersion,
        summary: evaluation.summary,
        scores: evaluation.scores.map(({ questionId, competencyId, level, rationale, evidence }) => ({ questionId, competencyId, level, rationale, evidence })),
      },
      { sessionId, dedupeKey: `session.scored:${sessionId}` },
    );
  }

  // ---- conditions ---------------------------------------------------------------------------

  async #maybeScore(sessionId: string): Promise<void> {
    const { rows } = await this.deps.db.query<{ status: string }>('select status from evaluations where session_id = $1', [sessionId]);
    if (rows[0]?.status !== 'pending') return; // the session is not complete yet, or already settled
    if (!(await this.#steps.transcriptionsSettled(sessionId))) return;
    const wait = await this.#scoringWaitSeconds(sessionId);
    await this.deps.jobs.send(QUEUES.scoreSession.name, { sessionId }, { singletonKey: wait > 0 ? `${sessionId}:after-notice` : sessionId, ...(wait > 0 ? { startAfterSeconds: wait } : {}) });
  }

  /**
   * Seconds until scoring may run: a jurisdiction pack may require the notice to have been
   * delivered some business days before (NYC LL144: 10). 0 when it may run now.
   */
  async #scoringWaitSeconds(sessionId: string): Promise<number> {
    const { rows } = await this.deps.db.query<{ interview_id: string; notice_delivered_at: Date | null; created_at: Date }>(
      'select interview_id, notice_delivered_at, created_at from sessions where id = $1',
      [sessionId],
    );
    if (!rows[0]) return 0;
    const interview = await this.deps.interviews.get(rows[0].interview_id);
    const delay = resolvePolicy(interview.jurisdictions ?? []).scoringDelayBusinessDays;
    if (delay === 0) return 0;
    const notBefore = addBusinessDays(rows[0].notice_delivered_at ?? rows[0].created_at, delay);
    return Math.max(0, Math.ceil((notBefore.getTime() - Date.now()) / 1000));
  }

  /** After a restriction is lifted: steps skipped because of it run again. */
  async resumeAfterRestriction(sessionId: string): Promise<void> {
    const { rows } = await this.deps.db.query<{ answer_id: string }>(
      `update answer_steps set status = 'pending', detail = null, updated_at = now()
       where step = 'transcription' and status = 'skipped' and detail = $2
         and answer_id in (select id from answers where session_id = $1) returning answer_id`,
      [sessionId, RESTRICTED],
    );
    await this.deps.db.query(`update evaluations set status = 'pending', detail = null, updated_at = now() where session_id = $1 and status = 'skipped' and detail = $2`, [sessionId, RESTRICTED]);
    for (const row of rows) await this.deps.jobs.send(QUEUES.transcribeAnswer.name, { answerId: row.answer_id }, { singletonKey: `${row.answer_id}:resumed` });
    if (rows.length === 0) await this.#maybeScore(sessionId);
  }

  async #aiRefusal(sessionId: string): Promise<string | null> {
    if (!this.#transcriber) return 'AI evaluation is not configured on this server (no OPENAI_API_KEY).';
    const { rows } = await this.deps.db.query<{ ai_evaluation: boolean; opted_out: boolean; status: string; restriction: string | null }>(
      `select coalesce((select ai_evaluation from consent_records where session_id = s.id order by decided_at desc, id desc limit 1), false) as ai_evaluation,
              exists (select 1 from candidate_requests r where r.session_id = s.id and r.type = 'opt_out_ai') as opted_out,
              s.status, s.restriction
       from sessions s where s.id = $1`,
      [sessionId],
    );
    const facts = rows[0];
    if (!facts) return 'The session no longer exists.';
    if (facts.status === 'withdrawn' || facts.status === 'erased') return `The session is ${facts.status}.`;
    if (facts.restriction) return RESTRICTED;
    if (!facts.ai_evaluation) return 'The candidate did not consent to AI evaluation.';
    if (facts.opted_out) return 'The candidate opted out of automated evaluation; a person reviews the answers.';
    return null;
  }

  async #transcriptionSkipReason(answer: AnswerFacts): Promise<string | null> {
    const refusal = await this.#aiRefusal(answer.session_id);
    if (refusal) return refusal;
    if (answer.silent) return 'No speech was detected in this answer, so it was not sent for transcription.';
    if (!answer.tracks.some((t) => t.track === 'audio') && !this.deps.ffmpeg) {
      return 'There is no audio-only track and ffmpeg is not installed to extract the audio; video is never sent for transcription.';
    }
    return null;
  }

  async #scoringSkipReason(sessionId: string): Promise<string | null> {
    const refusal = await this.#aiRefusal(sessionId);
    if (refusal) return refusal;
    const { rows } = await this.deps.db.query<{ interview_id: string }>('select interview_id from sessions where id = $1', [sessionId]);
    const interview = await this.deps.interviews.get(rows[0]!.interview_id);
    if (buildRubric(interview.questions).length === 0) return 'The interview defines no competencies to evaluate.';
    return null;
  }

  async #answer(answerId: string): Promise<AnswerFacts | null> {
    const { rows } = await this.deps.db.query<Omit<AnswerFacts, 'tracks'>>('select id, session_id, question_id, silent from answers where id = $1', [answerId]);
    if (!rows[0]) return null;
    const tracks = await this.deps.db.query<AnswerFacts['tracks'][number]>('select track, upload_id, mime_type from answer_media where answer_id = $1 order by track desc', [answerId]);
    return { ...rows[0], tracks: tracks.rows };
  }
}
