// The database restarted while uploads are in flight: a private PostgreSQL 15 cluster (never the
// shared one on 5432) stopped for a while and started again. Uploads resume; no record lost or doubled.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../packages/server-sdk/test/helpers/server.js';
import { API_KEY, commitAnswer, consentedSession, createInterview, fakeWebm, pool, prng, resilientUpload, seedFor, sha256, sleep, verifyRecords } from './helpers.js';
import { privatePostgresUnavailable, startPrivatePostgres } from './private-postgres.js';

const UPLOADS = 6;
const CHUNK = 64 * 1024;
const unavailable = privatePostgresUnavailable();
if (unavailable) console.log(`[faults] database restart SKIPPED: ${unavailable}`);

describe('fault: database restarted mid-upload (private PostgreSQL cluster)', { skip: unavailable ?? false }, () => {
  let pg: Awaited<ReturnType<typeof startPrivatePostgres>>;
  let server: TestServer;
  before(async () => {
    pg = await startPrivatePostgres();
    const database = { name: 'postgres' as const, options: () => ({ databaseUrl: pg.url, databaseSchema: 'candid' }), cleanup: async () => {} };
    server = await startTestServer({ apiKeys: [API_KEY], rateLimitPerMinute: 100_000 }, database);
  });
  after(async () => {
    await server?.close();
    await pg?.close();
  });

  it('resumes every upload after the restart, byte-identical, once', async () => {
    const random = prng(seedFor('database restart'));
    const interviewId = await createInterview(server.endpoint);
    const sessions = [];
    for (let i = 0; i < UPLOADS; i++) sessions.push({ ...(await consentedSession(server.endpoint, interviewId, `db-${i}`)), data: fakeWebm(1024 * 1024 + Math.floor(random() * 512 * 1024), random) });
    const total = sessions.reduce((n, s) => n + Math.ceil(s.data.length / CHUNK), 0);
    const stopAfter = Math.floor(total * (0.3 + random() * 0.3));
    let patches = 0;
    let restart: Promise<void> | null = null;
    const results = await pool(sessions, UPLOADS, (s) =>
      resilientUpload(server.endpoint, s.token, s.data, {
        chunk: CHUNK,
        timeoutMs: 120_000,
        async beforePatch() {
          await sleep(5);
          if (++patches !== stopAfter) return;
          restart = (async () => {
            await pg.stop();
            console.log(`[faults] PostgreSQL stopped after ${patches} of ~${total} PATCHes`);
            await sleep(2000);
            await pg.start();
            console.log('[faults] PostgreSQL started again');
          })();
        },
      }),
    );
    await restart;
    assert.ok(restart, 'the database was never restarted');
    for (const s of sessions) await commitAnswer(server.endpoint, s.token);
    const counts = await verifyRecords(server.endpoint, interviewId, new Map(sessions.map((s) => [s.sessionId, sha256(s.data)])));
    const failures = results.reduce((n, r) => n + r.failures, 0);
    console.log(`[faults] database restart: ${UPLOADS} uploads, ${failures} failed requests resumed; records ${JSON.stringify(counts)}`);
    assert.ok(failures > 0, 'no request failed: the restart did not land mid-upload');
    assert.deepEqual(counts, { sessions: UPLOADS, answers: UPLOADS, media: UPLOADS, identical: UPLOADS, duplicated: 0 });
  });
});
