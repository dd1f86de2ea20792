import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { migrate, migrations } from '../src/db/migrations.js';
import { openPostgresDatabase } from '../src/db/postgres-database.js';
import { TEST_DATABASE_URL, postgres, postgresSkipReason, testDatabases } from './helpers/databases.js';
import { QUESTIONS, type TestServer, api, consentedSession, startTestServer } from './helpers/server.js';
import { createUpload, patchUpload } from './helpers/tus.js';

/** The SDK's own database handle, for checks an integration bug could hit. */
const dbOf = (server: TestServer) => (server.candid as unknown as { sessions: { db: { query: (sql: string, params?: unknown[]) => Promise<{ rows: any[] }> } } }).sessions.db;

for (const database of testDatabases) {
  describe(`metadata store [${database.name}]`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ rateLimitPerMinute: 40, uploadBytesPerSecond: 1 }, database);
    });
    after(() => server.close());

    it('enforces the session lifecycle in the database, whatever the code does', async () => {
      const { sessionId } = await consentedSession(server, { consent: false });
      const db = dbOf(server);
      const set = (status: string) => db.query('update sessions set status = $2 where id = $1', [sessionId, status]);
      await assert.rejects(set('completed'), /invited cannot become completed/);
      await assert.rejects(set('nonsense'), /cannot become nonsense|check/);
      await set('consented');
      await assert.rejects(set('invited'), /consented cannot become invited/);
      await set('in_progress');
      await set('completed');
      await set('scored');
      await set('withdrawn');
      await assert.rejects(set('in_progress'), /withdrawn is final/);
      await set('erased');
      await assert.rejects(set('withdrawn'), /erased is final/);
      const { rows } = await db.query('select status from sessions where id = $1', [sessionId]);
      assert.equal(rows[0].status, 'erased');
    });

    it('runs migrations once: a second run applies nothing', async () => {
      const db = dbOf(server) as unknown as Parameters<typeof migrate>[0];
      const schema = (server.candid.options as { databaseSchema: string }).databaseSchema;
      assert.deepEqual(await migrate(db, schema), []);
    });

    it('lists sessions of an interview by status, page by page', async () => {
      const interview = await api(server.endpoint, 'POST', '/v1/interviews', { title: 'List', questions: QUESTIONS });
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const s = await api(server.endpoint, 'POST', '/v1/sessions', { interviewId: interview.json.id, candidate: { externalId: `c-${i}` } });
        ids.push(s.json.sessionId);
        if (i % 2 === 0) await api(server.endpoint, 'POST', '/v1/session/consent', { noticeVersion: null, choices: { recording: true, aiEvaluation: false }, ageConfirmed: true }, s.json.token);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: any = await api(server.endpoint, 'GET', `/v1/sessions?interviewId=${interview.json.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(page.status, 200);
        assert.ok(page.json.sessions.length <= 2);
        seen.push(...page.json.sessions.map((s: { id: string }) => s.id));
        cursor = page.json.nextCursor;
      } while (cursor);
      assert.deepEqual(seen, ids);
      const consented = await api(server.endpoint, 'GET', `/v1/sessions?interviewId=${interview.json.id}&status=consented`);
      assert.deepEqual(consented.json.sessions.map((s: { id: string }) => s.id), [ids[0], ids[2], ids[4]]);
      assert.equal((await api(server.endpoint, 'GET', `/v1/sessions?interviewId=${interview.json.id}&status=bogus`)).status, 400);
      assert.equal((await api(server.endpoint, 'GET', `/v1/sessions?interviewId=${interview.json.id}&cursor=nope`)).json.error.code, 'VALIDATION_FAILED');
    });

    it('refuses every candidate request once consent is withdrawn, and re-issuing tokens too', async () => {
      const { token, sessionId } = await consentedSession(server);
      const withdrawn = await api(server.endpoint, 'POST', '/v1/session/consent/withdraw', {}, token);
      assert.equal(withdrawn.status, 200);
      assert.equal(withdrawn.json.status, 'withdrawn');
      for (const [method, route] of [['GET', '/v1/session'], ['POST', '/v1/session/complete']] as const) {
        const res = await api(server.endpoint, method, route, method === 'POST' ? {} : undefined, token);
        assert.equal(res.status, 403);
        assert.equal(res.json.error.code, 'SESSION_WITHDRAWN');
      }
      assert.equal((await createUpload(server.endpoint, token, { questionId: 'q1', attempt: '1', track: 'video', mimeType: 'video/webm' })).status, 403);
      assert.equal((await api(server.endpoint, 'POST', `/v1/sessions/${sessionId}/token`)).json.error.code, 'SESSION_WITHDRAWN');
      const ats = await api(server.endpoint, 'GET', `/v1/sessions/${sessionId}`);
      assert.equal(ats.json.status, 'withdrawn');
    });

    it('applies accommodations to times and retakes', async () => {
      const interview = await api(server.endpoint, 'POST', '/v1/interviews', { title: 'Acc', questions: QUESTIONS });
      const s = await api(server.endpoint, 'POST', '/v1/sessions', {
        interviewId: interview.json.id,
        candidate: { externalId: 'acc' },
        accommodations: { timeMultiplier: 1.5, extraRetakes: 2 },
      });
      const view = await api(server.endpoint, 'GET', '/v1/session', undefined, s.json.token);
      assert.deepEqual(view.json.accommodations, { timeMultiplier: 1.5, noTimeLimit: false, extraRetakes: 2, audioOnly: false });
      assert.equal(view.json.questions[0].answerSeconds, 90);
      assert.equal(view.json.questions[0].maxRetakes, 3);
      const unlimited = await api(server.endpoint, 'POST', '/v1/sessions', { interviewId: interview.json.id, candidate: { externalId: 'nl' }, accommodations: { noTimeLimit: true } });
      assert.equal((await api(server.endpoint, 'GET', '/v1/session', undefined, unlimited.json.token)).json.questions[0].answerSeconds, null);
      const bad = await api(server.endpoint, 'POST', '/v1/sessions', { interviewId: interview.json.id, candidate: { externalId: 'x' }, accommodations: { timeMultiplier: 0.5, speed: 2 } });
      assert.deepEqual(bad.json.error.issues.map((i: { path: string }) => i.path).sort(), ['accommodations/speed', 'accommodations/timeMultiplier']);
    });

    it('caps an upload at its answer time plus ten 1-minute extensions (here 660 s x 1 B/s + 5 MB) with 413', async () => {
      const { token } = await consentedSession(server);
      const upload = await createUpload(server.endpoint, token, { questionId: 'q1', attempt: '1', track: 'video', mimeType: 'video/webm' });
      const head = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(1000)]);
      assert.equal((await patchUpload(upload.url!, token, 0, head)).status, 204);
      const tooLong = await patchUpload(upload.url!, token, head.length, Buffer.alloc(0), { length: 5_000_661 });
      assert.equal(tooLong.status, 413);
      assert.equal(JSON.parse(tooLong.body).error.code, 'UPLOAD_TOO_LARGE');
      assert.equal((await patchUpload(upload.url!, token, head.length, Buffer.alloc(0), { length: 5_000_660 })).status, 204, 'a length within the cap is accepted');
    });

    it('rate-limits one session token (429 with Retry-After) without touching others', async () => {
      const a = await consentedSession(server);
      const b = await consentedSession(server);
      let limited: Awaited<ReturnType<typeof api>> | null = null;
      for (let i = 0; i < 45 && !limited; i++) {
        const res = await api(server.endpoint, 'GET', '/v1/session', undefined, a.token);
        if (res.status === 429) limited = res;
      }
      assert.ok(limited, 'the 41st request in a minute is refused');
      assert.equal(limited.json.error.code, 'RATE_LIMITED');
      assert.ok(Number(limited.headers.get('retry-after')) >= 1);
      assert.equal((await api(server.endpoint, 'GET', '/v1/session', undefined, b.token)).status, 200);
    });
  });
}

describe('PostgreSQL only', { skip: postgresSkipReason ?? false }, () => {
  it('migrates a fresh schema once when several instances start together', async () => {
    const options = postgres.options();
    const dbs = await Promise.all([1, 2, 3].map(() => openPostgresDatabase({ url: TEST_DATABASE_URL, schema: options.databaseSchema! })));
    try {
      const results = await Promise.all(dbs.map((db) => migrate(db, options.databaseSchema)));
      assert.equal(results.filter((applied) => applied.length > 0).length, 1);
      // Ids are unique but not listed in order (4, 5 and 6 were written in parallel and are independent).
      assert.deepEqual(results.flat().sort((a, b) => a - b), migrations.map((m) => m.id).sort((a, b) => a - b));
    } finally {
      await Promise.all(dbs.map((db) => db.close()));
      await postgres.cleanup(options);
    }
  });

  it('shares the rate limit between two instances on one database', async () => {
    const options = postgres.options();
    const shared = { ...options, rateLimitPerMinute: 10, secret: 'shared-secret-for-both-instances-0123456789' };
    const first = await startTestServer(shared);
    const second = await startTestServer(shared);
    try {
      const { token } = await consentedSession(first);
      const statuses: number[] = [];
      for (let i = 0; i < 14; i++) statuses.push((await api(i % 2 ? second.endpoint : first.endpoint, 'GET', '/v1/session', undefined, token)).status);
      // consent took one request; 10 per minute in total across both instances
      assert.equal(statuses.filter((s) => s === 200).length, 9);
      assert.equal(statuses.filter((s) => s === 429).length, 5);
    } finally {
      await first.close();
      await second.close();
      await postgres.cleanup(options);
    }
  });
});
