import type { Database } from '../db/database.js';
import type { MediaStorage } from '../storage/media-storage.js';
import type { SessionTokens } from '../tokens.js';
import { AnswerService } from './answers.js';
import { ConsentService } from './consent.js';
import { InterviewService } from './interviews.js';
import { MediaService } from './media.js';
import { RateLimiter } from './rate-limiter.js';
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
}

export function createServices(
  db: Database,
  storage: MediaStorage,
  tokens: SessionTokens,
  options: { sessionTtlSeconds: number; rateLimitPerMinute: number; webhooks: WebhookSettings; jobs: JobQueue | undefined; logger: Logger },
): Services {
  const webhooks = new WebhookService({ db, jobs: options.jobs, settings: options.webhooks, logger: options.logger });
  const interviews = new InterviewService(db);
  const sessions = new SessionService(db, interviews, tokens, options.sessionTtlSeconds);
  const consent = new ConsentService(db, sessions);
  const uploads = new UploadService(db, consent);
  const answers = new AnswerService(db, storage, uploads, sessions);
  const media = new MediaService(db, storage);
  const rateLimiter = new RateLimiter(db, options.rateLimitPerMinute);
  return { interviews, sessions, consent, uploads, answers, media, rateLimiter, webhooks };
}
