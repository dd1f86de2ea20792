import PgBoss from 'pg-boss';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';

/** Every queue the SDK uses, with its retry policy. */
export const QUEUES = {
  /** ffmpeg: inspect, make webm seekable, produce the reviewer's mp4 rendition. */
  processAnswer: { name: 'candid.answer.process', retryLimit: 4, retryDelay: 15, retryBackoff: true, expireInSeconds: 15 * 60 },
  transcribeAnswer: { name: 'candid.answer.transcribe', retryLimit: 6, retryDelay: 30, retryBackoff: true, expireInSeconds: 10 * 60 },
  scoreSession: { name: 'candid.session.score', retryLimit: 6, retryDelay: 30, retryBackoff: true, expireInSeconds: 10 * 60 },
  /** 30 s doubling 12 times: the last attempt is about 34 hours after the first. */
  deliverWebhook: { name: 'candid.webhook.deliver', retryLimit: 12, retryDelay: 30, retryBackoff: true, expireInSeconds: 60 },
  /** The daily retention sweep; each run queues the next one. */
  retentionSweep: { name: 'candid.retention.sweep', retryLimit: 3, retryDelay: 300, retryBackoff: true, expireInSeconds: 60 * 60 },
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES]['name'];

export interface JobQueueOptions {
  /** Schema for pg-boss's tables (default `<sdk schema>_jobs`). */
  schema: string;
  /** How often idle workers poll (seconds). Default 2. */
  pollingSeconds?: number;
  /** How often expired jobs (a dead worker's) are retried (seconds). Default 30. */
  maintenanceSeconds?: number;
  /** Shortens every queue's expiry (tests that kill a worker). */
  expireInSeconds?: number;
  /** Overrides the webhook retry delay base in seconds (tests). */
  retryDelaySeconds?: number;
  /** Hold an advisory lock while pg-boss installs itself, so concurrent instances take turns. */
  serializeStart?: boolean;
}

/**
 * pg-boss over the SDK's own database handle (PGlite or PostgreSQL), so jobs live beside the data
 * and several instances share the work. Multi-statement SQL (pg-boss's migrations) goes through
 * `exec`, which PGlite needs for it.
 */
export class JobQueue {
  readonly #boss: PgBoss;
  readonly #logger: Logger;
  readonly #options: JobQueueOptions;

  private constructor(boss: PgBoss, logger: Logger, options: JobQueueOptions) {
    this.#boss = boss;
    this.#logger = logger;
    this.#options = options;
  }

  static async start(db: Database, logger: Logger, options: JobQueueOptions): Promise<JobQueue> {
    const executeSql = async (text: string, values?: unknown[]) => {
      if (values && values.length > 0) return db.query(text, values);
      if (!text.includes(';')) return db.query(text);
      await db.exec(text);
      return { rows: [] };
    };
    const boss = new PgBoss({
      db: { executeSql: executeSql as PgBoss.Db['executeSql'] },
      schema: options.schema,
      supervise: true,
      schedule: false,
      maintenanceIntervalSeconds: options.maintenanceSeconds ?? 30,
    });
    boss.on('error', (error: Error) => logger.error({ err: error }, 'job queue error'));
    const install = async () => {
      await boss.start();
      for (const queue of Object.values(QUEUES)) {
        await boss.createQueue(queue.name, {
          name: queue.name,
          retryLimit: queue.retryLimit,
          retryDelay: options.retryDelaySeconds ?? queue.retryDelay,
          retryBackoff: queue.retryBackoff,
          expireInSeconds: options.expireInSeconds ?? queue.expireInSeconds,
        });
      }
    };
    if (options.serializeStart) {
      // The lock lives on the transaction's connection; pg-boss works on other pool connections.
      await db.transaction(async (tx) => {
        await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`candid-jobs-install:${options.schema}`]);
        await install();
      });
    } else {
      await install();
    }
    return new JobQueue(boss, logger, options);
  }

  /** Enqueues a job; with `singletonKey`, a second identical job is dropped while one is queued. */
  async send<T extends object>(queue: QueueName, data: T, options: { singletonKey?: string; startAfterSeconds?: number } = {}): Promise<string | null> {
    return this.#boss.send(queue, data, {
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
    });
  }

  /** Runs `handler` for each job; a throw marks the attempt failed and pg-boss retries with backoff. */
  async work<T extends object>(queue: QueueName, handler: (data: T, job: { id: string; retryCount: number }) => Promise<void>): Promise<void> {
    await this.#boss.work<T>(queue, { pollingIntervalSeconds: this.#options.pollingSeconds ?? 2, includeMetadata: true }, async (jobs) => {
      for (const job of jobs) {
        const started = Date.now();
        try {
          await handler(job.data, { id: job.id, retryCount: (job as PgBoss.JobWithMetadata<T>).retryCount ?? 0 });
          this.#logger.info({ queue, jobId: job.id, ms: Date.now() - started }, 'job done');
        } catch (error) {
          this.#logger.warn({ queue, jobId: job.id, err: error }, 'job failed; pg-boss will retry if attempts remain');
          throw error;
        }
      }
    });
  }

  /** Jobs of a queue by state (for tests and diagnostics). */
  async countActive(queue: QueueName): Promise<number> {
    return this.#boss.getQueueSize(queue);
  }

  async stop(): Promise<void> {
    await this.#boss.stop({ graceful: true, close: false, timeout: 5000, wait: true });
  }
}
