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

  readonly #state: { stopped: boolean };

  private constructor(boss: PgBoss, logger: Logger, options: JobQueueOptions, state: { stopped: boolean }) {
    this.#boss = boss;
    this.#logger = logger;
    this.#options = options;
    this.#state = state;
  }

  static async start(db: Database, logger: Logger, options: JobQueueOptions): Promise<JobQueue> {
    const state = { stopped: false };
    const executeSql = async (text: string, values?: unknown[]) => {
      // A handler that outlived stop() (its job already failed back to the queue by pg-boss) ends
      // with pg-boss marking it complete or failed, unawaited: after close that must not reach the
      // closed database, or it becomes an unhandled rejection in the host process.
      // pg-boss reads "no result" as 0 rows affected.
      if (state.stopped) return undefined;
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
    return new JobQueue(boss, logger, options, state);
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
          if (this.#state.stopped) this.#logger.info({ queue, jobId: job.id }, 'job outlived shutdown; it is retried elsewhere or on the next start');
          else this.#logger.warn({ queue, jobId: job.id, err: error }, 'job failed; pg-boss will retry if attempts remain');
          throw error;
        }
      }
    });
  }

  /** Whether a job of `queue` whose payload has `field` = `value` is queued, retrying or running. */
  async hasLiveJob(queue: QueueName, field: string, value: string): Promise<boolean> {
    const { rows } = await this.#boss.getDb().executeSql(
      `select 1 from ${this.#options.schema}.job where name = $1 and data->>$2 = $3 and state in ('created', 'retry', 'active') limit 1`,
      [queue, field, value],
    );
    return rows.length > 0;
  }

  /** Jobs of a queue by state (for tests and diagnostics). */
  async countActive(queue: QueueName): Promise<number> {
    return this.#boss.getQueueSize(queue);
  }

  /**
   * Stops fetching, waits up to 5 s for running jobs, then hands the unfinished ones back to the
   * queue (failed, so another instance or the next start retries them). From then on pg-boss no
   * longer touches the database, even when a handler finishes later.
   */
  async stop(): Promise<void> {
    try {
      await this.#boss.stop({ graceful: true, close: false, timeout: 5000, wait: true });
    } finally {
      this.#state.stopped = true;
    }
  }
}
