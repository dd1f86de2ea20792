import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { QUESTIONS, type TestServer, api, startTestServer } from './helpers/server.js';
import { testDatabases } from './helpers/databases.js';

for (const database of testDatabases) describe(`interviews and sessions (ATS side) [${database.name}]`, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({}, database);
  });
  after(() => server.close());

  it('creates an interview with defaults and reads it back', async () => {
    const created = await api(server.endpoint, 'POST', '/v1/interviews', { title: 'Designer', questions: [{ id: 'q1', prompt: 'Hello?' }] });
    assert.equal(created.status, 201);
    assert.match(created.json.id, /^int_[0-9a-f]{32}$/);
    assert.deepEqual(created.json.questions[0], { id: 'q1', prompt: 'Hello?', thinkSeconds: 30, answerSeconds: 120, maxRetakes: 1, competencies: [], promptVideoUrl: null, captionsUrl: null });
    assert.deepEqual(created.json.retention, { mediaDays: 365, evaluationDays: 730, incompleteUploadDays: 1 });
    assert.equal(created.json.practiceQuestion, null);
    const read = await api(server.endpoint, 'GET', `/v1/interviews/${created.json.id}`);
    assert.deepEqual(read.json, created.json);
  });

  it('flow settings: defaults, validation, and what the widget receives in GET /v1/session', async () => {
    const plain = await api(server.endpoint, 'POST', '/v1/interviews', { title: 'Plain', questions: [{ id: 'q1', prompt: 'Hello?' }] });
    assert.deepEqual(plain.json.flow, { introVideoUrl: null, introCaptionsUrl: null, allowTimeExtension: true, minimumAge: 16 });
    const bad = await api(server.endpoint, 'POST', '/v1/interviews', {
      title: 'Bad',
      questions: [{ id: 'q1', prompt: 'Hello?' }],
      flow: { introVideoUrl: 'https://cdn.example/intro.m3u8', minimumAge: 12, allowTimeExtension: 'yes', autoplay: true },
    });
    assert.equal(bad.status, 400);
    const paths = bad.json.error.issues.map((i: { path: string }) => i.path).sort();
    assert.deepEqual(paths, ['flow/allowTimeExtension', 'flow/autoplay', 'flow/introCaptionsUrl', 'flow/minimumAge']);
    const flow = { introVideoUrl: 'https://cdn.example/intro.m3u8', introCaptionsUrl: 'https://cdn.example/intro.vtt', allowTimeExtension: false, minimumAge: 18 };
    const created = await api(server.endpoint, 'POST', '/v1/interviews', { title: 'Flow', questions: [{ id: 'q1', prompt: 'Hello?' }], flow });
    assert.equal(created.status, 201);
    assert.deepEqual(created.json.flow, flow);
    const session = await api(server.endpoint, 'POST', '/v1/sessions', { interviewId: created.json.id, candidate: { externalId: 'flow-1' } });
    const view = await api(server.endpoint, 'GET', '/v1/session', undefined, session.json.token);
    assert.equal(view.status, 200);
    assert.deepEqual(view.json.flow, flow);
  });

  it('lists every field problem at once with 400 VALIDATION_FAILED', async () => {
    const res = await api(server.endpoint, 'POST', '/v1/interviews', {
      title: '',
      questions: [{ id: 'q 1', prompt: 'x', answerSeconds: 2 }, { id: 'q2' }, { id: 'q2', prompt: 'dup' }],
    });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.code, 'VALIDATION_FAILED');
    const paths = res.json.error.issues.map((i: { path: string }) => i.path).sort();
    assert.deepEqual(paths, ['questions/0/answerSeconds', 'questions/0/id', 'questions/1/prompt', 'questions/2/id', 'title']);
  });

  it('answers malformed JSON with 400 BAD_REQUEST and oversized bodies with 413', async () => {
    const bad = await fetch(`${server.endpoint}/v1/interviews`, { method: 'POST', headers: { authorization: 'Bearer test-api-key-0123456789-abcdefghijklmnop', 'content-type': 'application/json' }, body: '{"title":' });
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).error.code, 'BAD_REQUEST');
    const huge = await api(server.endpoint, 'POST', '/v1/interviews', { title: 'x'.repeat(300 * 1024), questions: QUESTIONS });
    assert.equal(huge.status, 413);
    assert.equal(huge.json.error.code, 'PAYLOAD_TOO_LARGE');
  });

  it('refuses a session for an unknown interview with 404', async () => {
    const res = await api(server.endpoint, 'POST', '/v1/sessions', { interviewId: 'int_0123', candidate: { externalId: 'c-1' } });
    assert.equal(res.status, 404);
    assert.equal(res.json.error.code, 'INTERVIEW_NOT_FOUND');
  });

  it('returns 404 NOT_FOUND as JSON for unknown routes', async () => {
    const res = await api(server.endpoint, 'GET', '/v1/nope');
    assert.equal(res.status, 404);
    assert.equal(res.json.error.code, 'NOT_FOUND');
  });

  it('answers CORS preflights for another origin, exposing the tus headers', async () => {
    const res = await fetch(`${server.endpoint}/v1/uploads`, {
      method: 'OPTIONS',
      headers: { origin: 'https://careers.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,upload-metadata' },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /Upload-Metadata/);
    const get = await fetch(`${server.endpoint}/v1/session`, { headers: { origin: 'https://careers.example' } });
    assert.match(get.headers.get('access-control-expose-headers') ?? '', /Upload-Offset/);
  });
});
