import { readFileSync, rmSync } from 'node:fs';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Database, Queryable } from './database.js';
import type { Logger } from '../logger.js';
import { processAlive, startTimeOf } from '../process-info.js';

interface LockOwner {
  pid: number;
  /** The owner's start time (Linux), so a recycled pid is not taken for the owner. */
  start: string | null;
}

function parseLock(text: string): LockOwner | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed), start: null }; // written by an older version
  try {
    const parsed = JSON.parse(trimmed) as { pid?: unknown; start?: unknown };
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, start: typeof parsed.start === 'string' ? parsed.start : null } : null;
  } catch {
    return null;
  }
}

/** Whether the process that wrote the lock still runs (not merely some process with its pid). */
function ownerAlive(owner: LockOwner): boolean {
  if (owner.pid === process.pid || !processAlive(owner.pid)) return false;
  if (owner.start === null) return true;
  const start = startTimeOf(owner.pid);
  return start === null || start === owner.start;
}

/**
 * PGlite is single-process: two processes on one data directory corrupt it. A lock file (pid and
 * start time) makes the second one fail with a clear message instead. A lock left by a process
 * that died (killed, crashed, its pid now free or reused) is stale: it is cleared, with a warning.
 * The lock is removed on close, and on any exit of this process that did not close (process.exit).
 */
async function lockDirectory(directory: string, logger?: Pick<Logger, 'warn'>): Promise<() => Promise<void>> {
  const lockPath = path.join(directory, 'lock');
  const content = JSON.stringify({ pid: process.pid, start: startTimeOf(process.pid) });
  for (let tries = 0; tries < 2; tries++) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      await handle.writeFile(content);
      await handle.close();
      const releaseOnExit = () => {
        try {
          if (readFileSync(lockPath, 'utf8') === content) rmSync(lockPath, { force: true });
        } catch {
          // already gone
        }
      };
      process.on('exit', releaseOnExit);
      return async () => {
        process.off('exit', releaseOnExit);
        if ((await readFile(lockPath, 'utf8').catch(() => null)) === content) await rm(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const text = await readFile(lockPath, 'utf8').catch(() => '');
      const owner = parseLock(text);
      if (owner && ownerAlive(owner)) {
        throw new Error(
          `The embedded database at ${directory} is in use by process ${owner.pid}. PGlite allows one process per data directory: ` +
            'stop that process, use another CANDID_DATA_DIR, or set DATABASE_URL to share a PostgreSQL server.',
        );
      }
      logger?.warn({ lock: lockPath, pid: owner?.pid ?? null }, 'embedded database: cleared a stale lock left by a process that is no longer running');
      await rm(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${directory}.`);
}

/** Embedded PostgreSQL (PGlite) in a data directory on disk: the zero-configuration default. */
export async function openPGliteDatabase(directory: string, schema = 'candid', logger?: Pick<Logger, 'warn'>): Promise<Database> {
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const unlock = await lockDirectory(directory, logger);
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
