import type { Database } from '../db/database.js';
import type { DataKeys } from '../crypto/data-keys.js';
import type { MediaStorage } from '../storage/media-storage.js';
import type { SessionTokens } from '../tokens.js';
import { AnswerService } from './answers.js';
import { ConsentService } from './consent.js';
import { InterviewService } from './interviews.js';
import { MediaService } from './media.js';
import { RateLimiter } from './rate-limiter.js';
import { RequestService } from './requests.js';
import { SessionEvents } from './session-events.js';
import { type AiSettings, Pipeline } from '../pipeline/pipeline.js';
import type { Ffmpeg } from '../media/ffmpeg.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Logger } from '../logger.js';
import { WebhookService, type WebhookSettings } from '../webhooks/webhook-service.js';
import { SessionService } from './sessions.js';
import { UploadService } from './uploads.js';
import { AuditLog } from '../audit/audit-log.js';
import { type Rights, createRights } from '../rights/index.js';
import { AI_QUEUES, purgeSessionJobs } from '../rights/job-purge.js';
import { SharingGuard } from '../rights/sharing-guard.js';
import type { SweepSettings } from '../retention/sweep.js';
import type { Employer } from '../types.js';

export interface Services {
  interviews: InterviewService;
  sessions: SessionService;
  consent: ConsentService;
  uploads: UploadService;
  answers: AnswerService;
  media: MediaService;
  rateLimiter: RateLimiter;
  webhooks: WebhookService;
  requests: RequestService;
  pipeline: Pipeline | undefined;
  /**
   * Transcription and scoring really run in this deployment (an OpenAI-compatible API is
   * configured): `aiEvaluation` in `GET /v1/session`. False = no AI consent is asked or stored.
   */
  aiEvaluation: boolean;
  /** Per-session data keys: sealed fields and media, crypto-shredding on erasure. */
  dataKeys: DataKeys;
  /** Append-only, hash-chained audit log. */
  audit: AuditLog;
  /** Export, erasure, restriction, legal hold, retention sweep. */
  rights: Rights;
}

export function createServices(
  db: Database,
  storage: MediaStorage,
  tokens: SessionTokens,
  options: {
    sessionTtlSeconds: number;
    rateLimitPerMinute: number;
    webhooks: WebhookSettings;
    jobs: JobQueue | undefined;
    logger: Logger;
    ffmpeg: Ffmpeg | null;
    /** Cut an HLS rendition from video answers (default true). */
    hlsRendition?: boolean;
    ai: AiSettings | undefined;
    dataKeys: DataKeys;
    /** The SDK's schema; pg-boss's is `<schema>_jobs`. */
    databaseSchema?: string;
    /** Audit and proof retention (the sweep's settings); defaults when absent. */
    retention?: SweepSettings;
    /** The default employer (`createCandid({ employer })`). */
    employer?: Employer | null;
  },
): Services {
  const { dataKeys } = options;
  const webhooks = new WebhookService({ db, jobs: options.jobs, settings: options.webhooks, logger: options.logger, dataKeys });
  const interviews = new InterviewService(db, options.employer ?? null);
  const sessions = new SessionService(db, interviews, tokens, options.sessionTtlSeconds, dataKeys);
  const audit = new AuditLog(db);
  // A restricted session shares nothing: every service emits through this guard.
  const guarded = new SharingGuard(db, webhooks, options.logger);
  const pipeline = options.jobs
    ? new Pipeline({ db, storage, jobs: options.jobs, webhooks: guarded, audit, interviews, ffmpeg: options.ffmpeg, hlsRendition: options.hlsRendition ?? true, ai: options.ai, logger: options.logger, dataKeys })
    : undefined;
  const aiEvaluation = pipeline?.aiConfigured ?? false;
  const events = new SessionEvents(guarded, pipeline, options.logger);
  const jobsSchema = `${options.databaseSchema ?? 'candid'}_jobs`;
  // Withdrawal stops pending AI work at once: queued transcription and scoring jobs are dropped.
  events.onWithdrawn = async (sessionId) => {
    const answerIds = (await db.query<{ id: string }>('select id from answers where session_id = $1', [sessionId])).rows.map((r) => r.id);
    await purgeSessionJobs(db, jobsSchema, { sessionId, answerIds, deliveryIds: [] }, { queues: AI_QUEUES, pendingOnly: true });
  };
  sessions.events = events;
  const consent = new ConsentService(db, sessions, events, interviews, aiEvaluation);
  const uploads = new UploadService(db, consent);
  const answers = new AnswerService(db, storage, uploads, sessions, events);
  const requests = new RequestService(db, sessions, events, dataKeys);
  const media = new MediaService(db, storage);
  const rateLimiter = new RateLimiter(db, options.rateLimitPerMinute);
  const rights = createRights({
    db,
    storage,
    sessions,
    interviews,
    webhooks: guarded,
    deliveries: webhooks,
    audit,
    jobsSchema,
    dataKeys,
    logger: options.logger,
    onRestrictionLifted: async (sessionId) => pipeline?.resumeAfterRestriction(sessionId),
    ...(options.retention ? { sweep: options.retention } : {}),
  });
  return { interviews, sessions, consent, uploads, answers, media, rateLimiter, webhooks, requests, pipeline, aiEvaluation, dataKeys, audit, rights };
}
