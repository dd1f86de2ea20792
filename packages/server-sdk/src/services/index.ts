import type { Database } from '../db/database.js';
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
    ai: AiSettings | undefined;
  },
): Services {
  const webhooks = new WebhookService({ db, jobs: options.jobs, settings: options.webhooks, logger: options.logger });
  const interviews = new InterviewService(db);
  const sessions = new SessionService(db, interviews, tokens, options.sessionTtlSeconds);
  const pipeline = options.jobs
    ? new Pipeline({ db, storage, jobs: options.jobs, webhooks, interviews, ffmpeg: options.ffmpeg, ai: options.ai, logger: options.logger })
    : undefined;
  const events = new SessionEvents(webhooks, pipeline, options.logger);
  sessions.events = events;
  const consent = new ConsentService(db, sessions, events);
  const uploads = new UploadService(db, consent);
  const answers = new AnswerService(db, storage, uploads, sessions, events);
  const requests = new RequestService(db, sessions, events);
  const media = new MediaService(db, storage);
  const rateLimiter = new RateLimiter(db, options.rateLimitPerMinute);
  return { interviews, sessions, consent, uploads, answers, media, rateLimiter, webhooks, requests, pipeline };
}
