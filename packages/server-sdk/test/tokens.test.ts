import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { API_KEY, QUESTIONS, type TestServer, api, consentedSession, startTestServer } from './helpers/server.js';
import { testDatabases } from './helpers/databases.js';

for (const database of testDatabases) describe(`session tokens and API keys [${database.name}]`, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({}, database);
  });
  after(() => server.close());

  it('issues a token on POST /v1/sessions that opens GET /v1/session', async () => {
    const { token, sessionId } = await consentedSession(server, { consent: false });
    const res = await api(server.endpoint, 'GET', '/v1/session', undefined, token);
    assert.equal(res.status, 200);
    assert.equal(res.json.sessionId, sessionId);
    assert.equal(res.json.status, 'invited');
    assert.deepEqual(res.json.questions.map((q: { id: string }) => q.id), ['q1', 'q2']);
    assert.deepEqual(res.json.answers, []);
  });

  it('refuses a tampered token with 401 SESSION_TOKEN_INVALID', async () => {
    const { token } = await consentedSession(server, { consent: false });
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    claims.sub = 'ses_00000000000000000000000000000000';
    const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    const res = await api(server.endpoint, 'GET', '/v1/session', undefined, forged);
    assert.equal(res.status, 401);
    assert.equal(res.json.error.code, 'SESSION_TOKEN_INVALID');
    const flipped = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    assert.equal((await api(server.endpoint, 'GET', '/v1/session', undefined, flipped)).status, 401);
  });

  it('refuses a token signed with another secret', async () => {
    const { sessionId } = await consentedSession(server, { consent: false });
    const other = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(sessionId).setAudience('candid-widget').setIssuer('candid').setExpirationTime('1h').sign(new TextEncoder().encode('x'.repeat(40)));
    const res = await api(server.endpoint, 'GET', '/v1/session', undefined, other);
    assert.equal(res.status, 401);
    assert.equal(res.json.error.code, 'SESSION_TOKEN_INVALID');
  });

  it('refuses an expired token with 401 SESSION_TOKEN_EXPIRED', async () => {
    const { sessionId } = await consentedSession(server, { consent: false });
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sessionId)
      .setAudience('candid-widget')
      .setIssuer('candid')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(server.secret));
    const res = await api(server.endpoint, 'GET', '/v1/session', undefined, expired);
    assert.equal(res.status, 401);
    assert.equal(res.json.error.code, 'SESSION_TOKEN_EXPIRED');
  });

  it('refuses a token with the wrong audience', async () => {
    const { sessionId } = await consentedSession(server, { consent: false });
    const wrongAudience = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(sessionId).setAudience('someone-else').setIssuer('candid').setExpirationTime('1h').sign(new TextEncoder().encode(server.secret));
    assert.equal((await api(server.endpoint, 'GET', '/v1/session', undefined, wrongAudience)).json.error.code, 'SESSION_TOKEN_INVALID');
  });

  it('re-issues a token for the same session from the ATS side', async () => {
    const { sessionId } = await consentedSession(server, { consent: false });
    const reissued = await api(server.endpoint, 'POST', `/v1/sessions/${sessionId}/token`);
    assert.equal(reissued.status, 201);
    const res = await api(server.endpoint, 'GET', '/v1/session', undefined, reissued.json.token);
    assert.equal(res.json.sessionId, sessionId);
  });

  it('requires a valid API key on ATS routes', async () => {
    const missing = await api(server.endpoint, 'POST', '/v1/interviews', { title: 't', questions: QUESTIONS }, null);
    assert.equal(missing.status, 401);
    assert.equal(missing.json.error.code, 'API_KEY_MISSING');
    const wrong = await api(server.endpoint, 'POST', '/v1/interviews', { title: 't', questions: QUESTIONS }, `${API_KEY}x`);
    assert.equal(wrong.status, 401);
    assert.equal(wrong.json.error.code, 'API_KEY_INVALID');
    // A candidate token is not an API key.
    const { token } = await consentedSession(server, { consent: false });
    assert.equal((await api(server.endpoint, 'GET', '/v1/interviews/int_x', undefined, token)).json.error.code, 'API_KEY_INVALID');
  });

  it('does not accept an API key as a session token', async () => {
    const res = await api(server.endpoint, 'GET', '/v1/session', undefined, API_KEY);
    assert.equal(res.status, 401);
    assert.equal(res.json.error.code, 'SESSION_TOKEN_INVALID');
  });
});
