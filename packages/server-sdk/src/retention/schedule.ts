import { QUEUES, type JobQueue } from '../jobs/job-queue.js';
import type { Services } from '../services/index.js';

const DAY_SECONDS = 24 * 60 * 60;

/** The key of one day's run: any number of instances queue it, pg-boss keeps one. */
const runKey = (at: Date) => `sweep:${at.toISOString().slice(0, 10)}`;

/**
 * Runs the retention sweep (and the pipeline's catch-up) daily on whichever instance picks the job up. pg-boss's cron needs its
 * own scheduler process, so each run queues the next one (keyed by day, so instances agree).
 */
export async function startRetentionSchedule(services: Services, jobs: JobQueue): Promise<void> {
  await jobs.work<{ day: string }>(QUEUES.retentionSweep.name, async () => {
    await services.rights.retention.sweep();
    // The same daily pass picks up pipeline work and webhook deliveries a crash left unqueued (also
    // done at every start).
    await services.pipeline?.catchUp();
    await services.webhooks.catchUp();
    const next = new Date(Date.now() + DAY_SECONDS * 1000);
    await jobs.send(QUEUES.retentionSweep.name, { day: runKey(next) }, { singletonKey: runKey(next), startAfterSeconds: DAY_SECONDS });
  });
  // The first run a minute after start, then daily.
  const first = new Date(Date.now() + 60_000);
  await jobs.send(QUEUES.retentionSweep.name, { day: runKey(first) }, { singletonKey: runKey(first), startAfterSeconds: 60 });
}
