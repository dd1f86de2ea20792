import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { QUESTIONS, type TestServer, api, startTestServer } from './helpers/server.js';
import { testDatabases } from './helpers/databases.js';
import { canonicalJson } from '../src/audit/canonical-json.js';

for (const database of testDatabases) describe(`consent records [${database.name}]`, () => {
  let server: TestServer;
  const notice = { version: '2026-11', markdown: '# Privacy notice\n\nWe record your answers.' };
  before(async () => {
    server = await startTestServer({}, database);
  });
  after(() => server.close());

  async function session() {
    const interview = await api(server.endpoint, 'POST', '/v1/interviews', { title: 'Analyst', questions: QUESTIONS, notice });
    const created = await api(server.endpoint, 'POST', '/v1/sessions', { interviewId: interview.json.id, candidate: { externalId: 'c-9' } });
    return created.json as { sessionId: string; token: string };
  }

  it('stores the choices with the hash of the exact notice and moves the session to consented', async () => {
    const { token, sessionId } = await session();
    const view = await api(server.endpoint, 'GET', '/v1/session', undefined, token);
    assert.deepEqual(view.json.notice, notice);
    const res = await fetch(`${server.endpoint}/v1/session/consent`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'user-agent': 'TestAgent/1.0', 'x-candid-widget-version': '0.1.0' },
      body: JSON.stringify({ noticeVersion: '2026-11', choices: { recording: true, aiEvaluation: true, productImprovement: false }, ageConfirmed: true, locale: 'fr' }),
    });
    assert.equal(res.status, 201);
    const body = await res.json();
    assert.equal(body.status, 'consented');
    // The hash pins everything disclosed: the notice, the items, the facts, the competencies, the
    // locale, the employer named and whether AI evaluation is offered (not here: no OpenAI).
    const { disclosure } = view.json;
    const expected = canonicalJson({
      notice,
      items: disclosure.items,
      retention: disclosure.retention,
      locale: 'en',
      competencies: QUESTIONS.map((q) => ({ questionId: q.id, competencies: [] })),
      employer: null,
      aiEvaluation: false,
    });
    assert.equal(disclosure.sha256, createHash('sha256').update(expected).digest('hex'));
    assert.equal(body.consent.noticeSha256, disclosure.sha256);
    assert.equal(body.consent.noticeLocale, 'fr');
    // No AI runs on this server: the AI box was not offered, so its `true` is stored as false (employer.test.ts).
    assert.deepEqual(body.consent.choices, { recording: true, aiEvaluation: false, productImprovement: false });
    assert.equal(body.consent.ipTruncated, '127.0.0.0');
    assert.equal(body.consent.userAgentSha256, createHash('sha256').update('TestAgent/1.0').digest('hex'));
    assert.equal(body.consent.widgetVersion, '0.1.0');
    const ats = await api(server.endpoint, 'GET', `/v1/sessions/${sessionId}`);
    assert.equal(ats.json.status, 'consented');
    assert.equal(ats.json.consents[0].id, body.consent.id);
  });

  it('refuses a consent that names another notice version', async () => {
    const { token } = await session();
    const res = await api(server.endpoint, 'POST', '/v1/session/consent', { noticeVersion: '2025-01', choices: { recording: true, aiEvaluation: true }, ageConfirmed: true }, token);
    assert.equal(res.status, 409);
    assert.equal(res.json.error.code, 'NOTICE_VERSION_MISMATCH');
  });

  it('requires explicit booleans (no implied consent)', async () => {
    const { token } = await session();
    const res = await api(server.endpoint, 'POST', '/v1/session/consent', { noticeVersion: '2026-11', choices: { recording: 'yes' }, ageConfirmed: true }, token);
    assert.equal(res.status, 400);
    assert.deepEqual(res.json.error.issues.map((i: { path: string }) => i.path).sort(), ['choices/aiEvaluation', 'choices/recording']);
  });

  it('keeps consent records immutable in the database', async () => {
    const { token } = await session();
    await api(server.endpoint, 'POST', '/v1/session/consent', { noticeVersion: '2026-11', choices: { recording: true, aiEvaluation: false }, ageConfirmed: true }, token);
    // Reach into the store the way a buggy integration might: the trigger refuses.
    const candid = server.candid as unknown as { sessions: { ['db']: { query: (sql: string) => Promise<unknown> } } };
    await assert.rejects(candid.sessions.db.query('update consent_records set recording = false'), /immutable/);
    await assert.rejects(candid.sessions.db.query('delete from consent_records'), /immutable/);
  });
});
