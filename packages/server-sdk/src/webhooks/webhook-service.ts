import type { Database } from '../db/database.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Logger } from '../logger.js';
import type { WebhookEmitter, WebhookEventType } from './events.js';

export interface WebhookSettings {
  url: string | undefined;
  secret: string | undefined;
  allowPrivate: boolean;
}

/** STUB — to be completed: records events, delivers them signed, logs attempts, lists and replays. */
export class WebhookService implements WebhookEmitter {
  constructor(
    private readonly deps: { db: Database; jobs: JobQueue | undefined; settings: WebhookSettings; logger: Logger },
  ) {}

  async emit(_type: WebhookEventType, _data: Record<string, unknown>, _options: { sessionId?: string; dedupeKey?: string } = {}): Promise<void> {
    void this.deps;
  }

  /** Registers the delivery worker on the job queue (called when this instance runs workers). */
  async startWorker(): Promise<void> {}
}
