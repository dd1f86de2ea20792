import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type FakeOpenAI, startFakeOpenAI } from './helpers/fake-openai.js';
import { makeRecordings } from './helpers/media-fixtures.js';
import { runSession, settled } from './helpers/rights-fixtures.js';
import { type TestServer, api, startTestServer } from './helpers/server.js';
import { testDatabases } from './helpers/databases.js';

type Db = { query: (sql: string, params?: unknown[]) => Promise<{ rows: any[] }> };
const dbOf = (server: TestServer) => (server.candid.rights as unknown as { audit: { db: Db } }).audit.db;

for (const database of testDatabases) describe(`restriction, objection and withdrawal [${database.name}]`, () => {
  let recordings: { video: Buffer; audio: Buffer };
  let fake: FakeOpenAI;
  let server: TestServer;
  before(async () => {
    recordings = await makeRecordings();
    fake = await startFakeOpenAI();
    server = await startTestServer(
      { openai: { apiKey: 'sk-test', baseURL: fake.baseURL }, jobs: { pollingSeconds: 0.5, maintenanceSeconds: 1, retryDelaySeconds: 1 } },
      database,
    );
  });
  after(async () => {
    await server.close();
    await fake.close();
  });

  const eventTypes = async (sessionId: string) =>
    (await server.candid.webhooks.listDeliveries({ sessionId, limit: 200 })).deliveries.map((d) => d.eventType).reverse();

  it('keeps the data but neither scores nor shares it while restricted; lifting resumes processing', async () => {
    const { sessionId, token } = await runSession(server, recordings, { externalId: 'ats-r', name: 'R', email: 'r@example.org' }, { complete: false });
    const before = await eventTypes(sessionId);
    const restricted = await api(server.endpoint, 'POST', `/v1/sessions/${sessionId}/restrict`, { kind: 'restrict', reason: 'candidate contests the transcript' });
    assert.equal(restricted.status, 200);
    assert.deepEqual([restricted.json.restriction, restricted.json.restrictionReason], ['restricted', 'candidate contests the transcript']);
    const chatsBefore = fake.chats.length;
    assert.equal((await api(server.endpoint, 'POST', '/v1/session/complete', {}, token)).status, 200);
    const s = await settled(server, sessionId);
    assert.equal(s.evaluation.status, 'skipped');
    assert.match(s.evaluation.detail, /restricted/);
    assert.ok(s.answers.every((a: any) => a.processing.transcription.status === 'skipped' && a.transcript === null), 'no transcription either');
    assert.equal(fake.chats.length, chatsBefore, 'nothing went to the AI');
    assert.equal(s.answers.length, 2, 'the data is kept');
    // No sharing: media refused, and no webhook but restriction.changed.
    const media = await api(server.endpoint, 'GET', `/v1/sessions/${sessionId}/media/${s.answers[0].id}`);
    assert.equal(media.status, 409);
    assert.equal(media.json.error.code, 'SESSION_RESTRICTED');
    assert.deepEqual((await eventTypes(sessionId)).slice(before.length), ['restriction.changed']);

    const lifted = await api(server.endpoint, 'POST', `/v1/sessions/${sessionId}/restrict/lift`, { reason: 'transcript corrected' });
    assert.equal(lifted.status, 200);
    assert.equal(lifted.json.restriction, null);
    const deadline = Date.now() + 60_000;
    let after = s;
    while (after.evaluation.status !== 'scored' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300));
      after = (await api(server.endpoint, 'GET', `/v1/sessions/${sessionId}`)).json;
    }
    assert.equal(after.evaluation.status, 'scored', JSON.stringify(after.evaluation));
    assert.ok(after.answers.every((a: any) => a.transcript?.text));
    const types = (await eventTypes(sessionId)).slice(before.length);
    assert.deepEqual(types.slice(0, 2), ['restriction.changed', 'restriction.changed']);
    assert.ok(types.includes('session.scored'), 'sharing resumes');
    assert.equal((await api(server.endpoint, 'GET', `/v1/sessions/${sessionId}/media/${s.answers[0].id}`)).status, 200);
  });

  it('records an objection, validates input, and refuses what does not fit the state', async () => {
    const { sessionId } = await runSession(server, recordings, { externalId: 'ats-o', name: 'O', email: 'o@example.org' }, { complete: false, aiEvaluation: false });
    const lift = await api(server.endpoint, 'POST', `/v1/sessions/${sessionId}/restrict/lift`, { reason: 'x' });
    assert.deepEqual([lift.status, lift.json.error.code], [409, 'INVALID_STATE']);
    const bad = await api(server.endpoint, 'POST', `/v1/sessions/${sessionId}/restrict`, { kind: 'freeze', reason: '', extra: 1 });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.json.error.issues.map((i: any) => i.path).sort(), ['extra', 'kind', 'reason']);
    const objected = await api(server.endpoint, 'POST', `/v1/sessions/${sessionId}/restrict`, { kind: 'object', reason: 'Art. 21 objection' });
    assert.equal(objected.json.restriction, 'objected');
    assert.equal((await api(server.endpoint, 'POST', `/v1/sessions/ses_${'1'.repeat(32)}/restrict`, { reason: 'x' })).json.error.code, 'SESSION_NOT_FOUND');
    assert.equal((await api(server.endpoint, 'POST', `/v1/sessions/${sessionId}/restrict`, { reason: 'x' }, null)).status, 401);
    assert.equal((await api(server.endpoint, 'DELETE', `/v1/sessions/${sessionId}`)).status, 200, 'erasure is still possible');
    const erased = await api(server.endpoint, 'POST', `/v1/sessions/${sessionId}/restrict`, { reason: 'x' });
    assert.deepEqual([erased.status, erased.json.error.code], [401, 'SESSION_ERASED']);
  });

  it('withdrawal of consent drops the queued AI jobs of the session', async () => {
    const { sessionId, token } = await runSession(server, recordings, { externalId: 'ats-w', name: 'W', email: 'w@example.org' }, { complete: false });
    const jobs = `${server.candid.options.databaseSchema}_jobs`;
    const answerIds = (await api(server.endpoint, 'GET', `/v1/sessions/${sessionId}`)).json.answers.map((a: any) => a.id);
    // Queued far in the future, so no worker takes them first: what a busy queue looks like.
    const db = dbOf(server);
    for (const [name, data] of [['candid.answer.transcribe', { answerId: answerIds[0] }], ['candid.session.score', { sessionId }], ['candid.answer.process', { answerId: answerIds[1] }]] as const) {
      await db.query(`insert into ${jobs}.job (name, data, start_after) values ($1, $2, now() + interval '1 day')`, [name, JSON.stringify(data)]);
    }
    const queued = async () =>
      (await db.query(`select name from ${jobs}.job where state in ('created', 'retry') and start_after > now() + interval '1 hour' and (data->>'sessionId' = $1 or data->>'answerId' = any($2::text[])) order by name`, [sessionId, answerIds])).rows.map((r) => r.name);
    assert.deepEqual(await queued(), ['candid.answer.process', 'candid.answer.transcribe', 'candid.session.score']);
    const res = await api(server.endpoint, 'POST', '/v1/session/consent/withdraw', {}, token);
    assert.equal(res.status, 200);
    assert.deepEqual(await queued(), ['candid.answer.process'], 'AI jobs gone; media processing is not AI');
    const audit = await server.candid.rights.audit.forSession(sessionId);
    assert.ok(audit.some((r) => r.action === 'consent_change' && r.actorType === 'candidate' && (r.detail as { withdrawn?: boolean }).withdrawn));
  });
});
