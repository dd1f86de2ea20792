// `candid serve` SIGKILLed while uploads are in flight, then restarted on the same data (PGlite in
// the data directory; and a Postgres schema when Postgres is reachable). The uploads resume from HEAD.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { postgres, postgresSkipReason } from '../packages/server-sdk/test/helpers/databases.js';
import { freePort } from '../packages/server-sdk/test/helpers/serve-process.js';
import { API_KEY, commitAnswer, consentedSession, createInterview, fakeWebm, pool, prng, resilientUpload, SECRET, seedFor, sha256, sleep, verifyRecords } from './helpers.js';
import { type Serve, startServe } from './serve.js';

const UPLOADS = 6;
const CHUNK = 64 * 1024;

for (const database of ['pglite', 'postgres'] as const) {
  describe(`fault: candid serve SIGKILLed mid-upload (${database})`, () => {
    it('resumes every upload after the restart, byte-identical, once', { skip: database === 'postgres' ? (postgresSkipReason ?? false) : false }, async () => {
      const random = prng(seedFor(`serve SIGKILL (${database})`));
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'candid-fault-kill-'));
      const db = database === 'postgres' ? postgres.options() : {};
      const env = {
        CANDID_DATA_DIR: dataDir,
        CANDID_SECRET: SECRET,
        CANDID_API_KEYS: API_KEY,
        CANDID_RATE_LIMIT_PER_MINUTE: '100000',
        ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl, CANDID_DB_SCHEMA: db.databaseSchema! } : {}),
      };
      const port = await freePort();
      const endpoint = `http://127.0.0.1:${port}`;
      let serve: Serve = await startServe(port, env);
      try {
        const interviewId = await createInterview(endpoint);
        const sessions = [];
        for (let i = 0; i < UPLOADS; i++) sessions.push({ ...(await consentedSession(endpoint, interviewId, `kill-${i}`)), data: fakeWebm(1024 * 1024 + Math.floor(random() * 512 * 1024), random) });
        const total = sessions.reduce((n, s) => n + Math.ceil(s.data.length / CHUNK), 0);
        const killAfter = Math.floor(total * (0.3 + random() * 0.3));
        let patches = 0;
        let restarted: Promise<void> | null = null;
        const expected = new Map(sessions.map((s) => [s.sessionId, sha256(s.data)]));
        const results = await pool(sessions, UPLOADS, (s) =>
          resilientUpload(endpoint, s.token, s.data, {
            chunk: CHUNK,
            timeoutMs: 120_000,
            async beforePatch() {
              // Slow enough that every upload is mid-way when the kill lands.
              await sleep(5);
              if (++patches !== killAfter) return;
              restarted = (async () => {
                await serve.kill('SIGKILL');
                console.log(`[faults] SIGKILL after ${patches} of ~${total} PATCHes`);
                await sleep(300);
                serve = await startServe(port, env);
              })();
            },
          }),
        );
        await restarted;
        assert.ok(restarted, 'the server was never killed');
        for (const s of sessions) await commitAnswer(endpoint, s.token);
        const counts = await verifyRecords(endpoint, interviewId, expected);
        const failures = results.reduce((n, r) => n + r.failures, 0);
        const resent = results.reduce((n, r) => n + r.bytesSent, 0) - sessions.reduce((n, s) => n + s.data.length, 0);
        console.log(`[faults] serve SIGKILL (${database}): ${UPLOADS} uploads, ${failures} failed requests resumed, ${resent} bytes re-sent; records ${JSON.stringify(counts)}`);
        assert.ok(failures > 0, 'no request failed: the kill did not land mid-upload');
        assert.deepEqual(counts, { sessions: UPLOADS, answers: UPLOADS, media: UPLOADS, identical: UPLOADS, duplicated: 0 });
      } finally {
        await serve.kill('SIGTERM');
        await rm(dataDir, { recursive: true, force: true });
        if (db.databaseSchema) await postgres.cleanup(db);
      }
    });
  });
}
