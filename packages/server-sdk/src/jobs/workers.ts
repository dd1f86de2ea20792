import type { Services } from '../services/index.js';
import type { JobQueue } from './job-queue.js';
import { startRetentionSchedule } from '../retention/schedule.js';

/** Registers every background worker of this instance on the shared queue. */
export async function startWorkers(services: Services, _jobs: JobQueue): Promise<void> {
  await services.webhooks.startWorker();
  await services.pipeline?.startWorkers();
  await startRetentionSchedule(services, _jobs);
}
