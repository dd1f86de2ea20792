import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Database, Queryable } from './database.js';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is single-process: two processes on one data directory corrupt it. A pid lock file makes
 * the second one fail with a clear message instead.
 */
async function lockDirectory(directory: string): Promise<() => Promise<void>> {
  const lockPath = path.join(directory, 'lock');
  for (let tries = 0; tries < 2; tries++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
      if (owner && owner !== process.pid && processAlive(owner)) {
        throw new Error(
          `The embedded database at ${directory} is in use by process ${owner}. PGlite allows one process per data directory: ` +
            'stop that process, use another CANDID_DATA_DIR, or set DATABASE_URL to share a PostgreSQL server.',
        );
      }
      await rm(lockPath, { force: true }); // stale lock from a crashed process
    }
  }
  throw new Error(`Could not lock ${directory}.`);
}

/** Embedded PostgreSQL (PGlite) in a data directory on disk: the zero-configuration default. */
export async function openPGliteDatabase(directory: string, schema = 'candid'): Promise<Database> {
  await mkdir(directory, { recursive: true });
  const unlock = await lockDirectory(directory);
  let pg: PGlite;
  try {
    pg = new PGlite(path.join(directory, 'pgdata'));
    await pg.waitReady;
    // One connection, so one search_path for its lifetime (the name is validated by the caller).
    await pg.exec(`create schema if not exists ${schema}; set search_path to ${schema}`);
  } catch (error) {
    await unlock();
    throw error;
  }
  const wrap = (q: PGlite | Transaction): Queryable => ({
    async query<Row>(sql: string, params: unknown[] = []) {
      const result = await q.query<Row>(sql, params);
      return { rows: result.rows };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  return {
    ...wrap(pg),
    transaction: (work) => pg.transaction((tx) => work(wrap(tx))),
    async close() {
      await pg.close();
      await unlock();
    },
  };
}
