import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrations.js';
import { openDatabase } from '../../src/db/open-database.js';
import { JobQueue } from '../../src/jobs/job-queue.js';
import { type WebhookSettings, WebhookService } from '../../src/webhooks/webhook-service.js';
import type { TestDatabase } from './databases.js';

/** Log lines written by a harness's logger, parsed. */
export type LogLine = { level: number; msg: string; [key: string]: unknown };

export function capturingLogger() {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
      callback();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

/**
 * The webhook service on a real database and pg-boss queue, without the HTTP server: for the
 * tests that drive `emit` and the delivery handler directly.
 */
export async function startWebhookHarness(database: TestDatabase, settings: WebhookSettings, options: { retryDelaySeconds?: number } = {}) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'candid-webhooks-'));
  const dbOptions = database.options();
  const schema = dbOptions.databaseSchema ?? 'candid';
  const { logger, lines } = capturingLogger();
  const db: Database = await openDatabase({ url: dbOptions.databaseUrl, pgliteDirectory: path.join(dataDir, 'db'), schema });
  await migrate(db, schema);
  const jobs = await JobQueue.start(db, logger, {
    schema: `${schema}_jobs`,
    pollingSeconds: 0.5,
    maintenanceSeconds: 30,
    ...(options.retryDelaySeconds ? { retryDelaySeconds: options.retryDelaySeconds } : {}),
  });
  /**
   * Another service over the same database. With `queue: 'recorded'` its jobs only go to `sent`
   * (the worker never sees them), so a test can drive `attemptDelivery` alone.
   */
  const sent: Array<{ queue: string; data: unknown }> = [];
  const recordedQueue = {
    async send(queue: string, data: unknown) {
      sent.push({ queue, data });
      return 'recorded';
    },
  } as unknown as JobQueue;
  const service = (s: WebhookSettings = settings, opts: { queue?: 'real' | 'recorded'; logger?: typeof logger } = {}) =>
    new WebhookService({ db, jobs: opts.queue === 'recorded' ? recordedQueue : jobs, settings: s, logger: opts.logger ?? logger });
  const webhooks = service();
  await webhooks.startWorker();
  return {
    db,
    jobs,
    webhooks,
    service,
    sent,
    logLines: lines,
    async close() {
      await jobs.stop();
      await db.close();
      await database.cleanup(dbOptions);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type WebhookHarness = Awaited<ReturnType<typeof startWebhookHarness>>;
