// The per-minute limits (candidate requests, failed authentications) over a sliding 60 s window,
// with a controlled clock: a burst that straddles a minute boundary is limited like any other,
// and Retry-After is when one more request really fits again.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrations.js';
import { openDatabase } from '../src/db/open-database.js';
import { RateLimiter } from '../src/services/rate-limiter.js';
import { type TestDatabase, testDatabases } from './helpers/databases.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 11, 3, 12, 0, 0); // a minute boundary

for (const database of testDatabases) describe(`rate limiter, sliding 60 s window [${database.name}]`, () => {
  let dataDir: string;
  let dbOptions: ReturnType<TestDatabase['options']>;
  let db: Database;
  let now = T0;
  let limiter: RateLimiter;
  let key = 0;
  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'candid-rate-limiter-'));
    dbOptions = database.options();
    const schema = dbOptions.databaseSchema ?? 'candid';
    db = await openDatabase({ url: dbOptions.databaseUrl, pgliteDirectory: path.join(dataDir, 'db'), schema });
    await migrate(db, schema);
    limiter = new RateLimiter(db, 40, () => now);
  });
  after(async () => {
    await db?.close();
    await database.cleanup(dbOptions);
    await rm(dataDir, { recursive: true, force: true });
  });

  /** `count` hits on `k` at the current clock; the Retry-After of each (0: allowed). */
  const hits = async (k: string, count: number) => {
    const answers: number[] = [];
    for (let i = 0; i < count; i++) answers.push(await limiter.hit(k));
    return answers;
  };

  it('limits a burst that straddles a minute boundary (fixed windows let 2× the limit through)', async () => {
    const k = `k${key++}`;
    now = T0 + MINUTE - 100; // 30 hits in the last 100 ms of a minute, 15 in the first 100 ms of the next
    assert.deepEqual(await hits(k, 30), Array(30).fill(0));
    now = T0 + MINUTE + 100;
    const next = await hits(k, 15);
    assert.equal(next.filter((s) => s === 0).length, 10, 'only 10 more fit in the same 60 s');
    assert.ok(next.slice(10).every((s) => s > 0));
  });

  it('lets the previous minute fade: Retry-After is when one more hit fits, and it does fit then', async () => {
    // Refused hits count too (a client ignoring Retry-After stays refused), so each probe gets its
    // own key with the same history: 40 hits in one minute, one refused at the start of the next.
    const history = async (k: string) => {
      now = T0;
      assert.equal((await hits(k, 40)).filter((s) => s === 0).length, 40);
      now = T0 + MINUTE; // all 40 still within the last 60 s
      return limiter.hit(k);
    };
    const [early, onTime] = [`k${key++}`, `k${key++}`];
    const retryAfter = await history(onTime);
    assert.equal(await history(early), retryAfter);
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    now = T0 + MINUTE + (retryAfter - 1) * 1000 - 1;
    assert.ok((await limiter.hit(early)) > 0, 'still refused a second before Retry-After');
    now = T0 + MINUTE + retryAfter * 1000;
    assert.equal(await limiter.hit(onTime), 0, 'allowed at Retry-After');
  });

  it('counts keys apart', async () => {
    now = T0 + 5 * MINUTE;
    await hits(`k${key}`, 41);
    assert.equal(await limiter.hit(`k${key + 1}`), 0);
    key += 2;
  });
});
