import type { AuditLog } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { InterviewService } from '../services/interviews.js';
import type { SessionService } from '../services/sessions.js';
import type { MediaStorage } from '../storage/media-storage.js';
import type { WebhookEmitter } from '../webhooks/events.js';
import type { SessionSealer } from './reasons.js';
import type { CandidWebhooks } from '../webhooks/webhook-service.js';

/**
 * Per-session data keys (encryption at rest). Destroying a session's key makes whatever copy of
 * its sealed fields lingers in database files, WAL or backups unreadable.
 */
export interface SessionKeyDestroyer {
  destroy(sessionId: string): Promise<unknown>;
}

/** What the data-rights modules share. */
export interface RightsDeps {
  db: Database;
  storage: MediaStorage;
  sessions: SessionService;
  interviews: InterviewService;
  /** Events go through the sharing guard (a restricted session sends only `restriction.changed`). */
  webhooks: WebhookEmitter;
  deliveries: Pick<CandidWebhooks, 'listDeliveries'>;
  audit: AuditLog;
  /** pg-boss's schema (`<sdk schema>_jobs`), to drop a session's queued jobs. */
  jobsSchema: string;
  /** Seals reasons (restriction, legal hold) under the session's key; destroys keys on erasure. */
  dataKeys: SessionSealer;
  logger: Logger;
}
