import type { Queryable } from '../db/database.js';
import { QUEUES } from '../jobs/job-queue.js';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Deletes a session's jobs from pg-boss's tables. Payloads carry ids only (`sessionId`, `answerId`,
 * `deliveryId`), so this finds every job that touches the session. `states` limits it to jobs not
 * yet finished (withdrawal); erasure drops them all, archive included.
 */
export async function purgeSessionJobs(
  q: Queryable,
  jobsSchema: string,
  ids: { sessionId: string; answerIds: string[]; deliveryIds: string[] },
  opts: { queues?: string[]; pendingOnly?: boolean } = {},
): Promise<number> {
  if (!SCHEMA_NAME.test(jobsSchema)) throw new Error(`invalid jobs schema name ${JSON.stringify(jobsSchema)}`);
  const tables = opts.pendingOnly ? ['job'] : ['job', 'archive'];
  let deleted = 0;
  for (const table of tables) {
    const exists = await q.query<{ ok: boolean }>('select to_regclass($1) is not null as ok', [`${jobsSchema}.${table}`]);
    if (!exists.rows[0]?.ok) continue;
    const { rows } = await q.query(
      `delete from ${jobsSchema}.${table}
       where (data->>'sessionId' = $1 or data->>'answerId' = any($2::text[]) or data->>'deliveryId' = any($3::text[]))
         and ($4::text[] is null or name = any($4::text[]))
         and (not $5 or state in ('created', 'retry'))
       returning id`,
      [ids.sessionId, ids.answerIds, ids.deliveryIds, opts.queues ?? null, opts.pendingOnly ?? false],
    );
    deleted += rows.length;
  }
  return deleted;
}

/** The queues that send candidate data to an AI provider. */
export const AI_QUEUES = [QUEUES.transcribeAnswer.name, QUEUES.scoreSession.name];
