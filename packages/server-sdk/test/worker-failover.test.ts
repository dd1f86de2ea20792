import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { TEST_DATABASE_URL, postgres, postgresSkipReason } from './helpers/databases.js';
import { type FakeOpenAI, startFakeOpenAI } from './helpers/fake-openai.js';
import { makeRecordings } from './helpers/media-fixtures.js';
import { type ServeProcess, startServeProcess } from './helpers/serve-process.js';
import { createUpload, patchUpload } from './helpers/tus.js';

const API_KEY = 'failover-api-key-0123456789-abcdefghij';

async function call(endpoint: string, method: string, route: string, body?: unknown, auth = API_KEY) {
  const res = await fetch(`${endpoint}${route}`, {
    method,
    headers: { authorization: `Bearer ${auth}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as any };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('a worker killed in the middle of a job', { skip: postgresSkipReason ?? false }, () => {
  let fake: FakeOpenAI;
  let dataDir: string;
  let first: ServeProcess | undefined;
  let second: ServeProcess | undefined;
  const db = postgres.options();
  let env: Record<string, string>;

  before(async () => {
    fake = await startFakeOpenAI();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'candid-failover-'));
    env = {
      DATABASE_URL: db.databaseUrl!,
      CANDID_DB_SCHEMA: db.databaseSchema!,
      CANDID_SECRET: 'failover-secret-shared-by-instances-0123456',
      CANDID_API_KEYS: API_KEY,
      CANDID_DATA_DIR: dataDir, // media on one shared disk; metadata and jobs in PostgreSQL
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: fake.baseURL,
      CANDID_JOB_POLL_SECONDS: '0.5',
      CANDID_JOB_MAINTENANCE_SECONDS: '1',
      CANDID_JOB_EXPIRE_SECONDS: '4',
      CANDID_JOB_RETRY_DELAY_SECONDS: '1',
      LOG_LEVEL: 'warn',
    };
  });

  after(async () => {
    await first?.stop('SIGKILL');
    await second?.stop();
    await fake.close();
    await postgres.cleanup(db);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is finished by another instance, and session.scored is announced once with the stored contents', async () => {
    const { video } = await makeRecordings();
    first = await startServeProcess(env);
    const interview = await call(first.endpoint, 'POST', '/v1/interviews', {
      title: 'Failover',
      questions: [{ id: 'q1', prompt: 'Why us?', answerSeconds: 60, competencies: [{ id: 'motivation', description: 'Knows why they want the job.' }] }],
    });
    const session = await call(first.endpoint, 'POST', '/v1/sessions', { interviewId: interview.json.id, candidate: { externalId: 'c-failover' } });
    const token = session.json.token;
    await call(first.endpoint, 'POST', '/v1/session/consent', { noticeVersion: null, choices: { recording: true, aiEvaluation: true }, ageConfirmed: true }, token);
    const upload = await createUpload(first.endpoint, token, { questionId: 'q1', attempt: '1', track: 'video', mimeType: 'video/webm' });
    assert.equal((await patchUpload(upload.url!, token, 0, video, { length: video.length })).status, 204);
    assert.equal((await call(first.endpoint, 'POST', '/v1/session/answers/q1', { attempt: 1 }, token)).status, 200);

    // The model will hold the first scoring call; the worker that made it dies while it waits.
    fake.holdNextChatMs = 60_000;
    assert.equal((await call(first.endpoint, 'POST', '/v1/session/complete', {}, token)).status, 200);
    await waitFor('the first instance to call the model', async () => fake.chats.length === 1, 30_000);
    await first.stop('SIGKILL');
    const chatsBeforeKill = fake.chats.length;

    second = await startServeProcess(env);
    const scored = await waitFor(
      'the second instance to finish the job',
      async () => {
        const res = await call(second!.endpoint, 'GET', `/v1/sessions/${session.json.sessionId}`);
        return res.json.evaluation?.status === 'scored' ? res.json : undefined;
      },
      45_000,
    );
    // Under load a short job may also outlive the 4 s expiry and run twice on the first instance, so
    // the count of model calls is not exact; what must hold is that the second instance called the
    // model and that, however many runs there were, one evaluation was stored and announced once.
    assert.ok(fake.chats.length > chatsBeforeKill, 'the job ran again on the second instance');
    assert.equal(scored.status, 'scored');

    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const events = await client.query(`select payload from ${db.databaseSchema}.webhook_events where type = 'session.scored' and session_id = $1`, [session.json.sessionId]);
      assert.equal(events.rows.length, 1, 'one session.scored event');
      // The stored body is sealed under the session's data key (encryption at rest): read it opened, through the API.
      assert.ok(!JSON.stringify(events.rows[0].payload).includes('motivation'), 'the stored body is sealed');
      const listed = await call(second!.endpoint, 'GET', `/v1/webhooks/deliveries?sessionId=${session.json.sessionId}&eventType=session.scored`);
      const announced = listed.json.deliveries[0].payload.data;
      assert.deepEqual(
        announced.scores.map((s: any) => [s.questionId, s.competencyId, s.level]),
        scored.evaluation.scores.map((s: any) => [s.questionId, s.competencyId, s.level]),
        'the announcement carries what was stored',
      );
      const rows = await client.query(`select count(*)::int as n from ${db.databaseSchema}.competency_scores where session_id = $1`, [session.json.sessionId]);
      assert.equal(rows.rows[0].n, 1);
    } finally {
      await client.end();
    }
  });
});
