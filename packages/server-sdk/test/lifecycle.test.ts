// The lifecycle rule, checked wherever bytes or answers are accepted (upload creation, every PATCH,
// answer commit, completion): the session's current state and latest consent must allow it. Plus
// the caps per take and per session, and keep-alive connections that survive an early refusal.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { testDatabases } from './helpers/databases.js';
import { api, API_KEY, codeOf, consentedSession, startTestServer, type TestServer } from './helpers/server.js';
import { createUpload, patchUpload } from './helpers/tus.js';
import { fakeWebm } from './helpers/media-fixtures.js';

const video = (questionId = 'q1', attempt = '1', track = 'video') => ({ questionId, attempt, track, mimeType: track === 'video' ? 'video/webm;codecs=vp8,opus' : 'audio/webm;codecs=opus' });
const CONSENT = { noticeVersion: null, choices: { recording: true, aiEvaluation: false, productImprovement: false }, ageConfirmed: true };

/** Uploads and commits one answer to `questionId` (length declared on the last PATCH). */
async function answer(server: TestServer, token: string, questionId: string) {
  const upload = await createUpload(server.endpoint, token, video(questionId));
  const bytes = fakeWebm(2000);
  const patch = await patchUpload(upload.url!, token, 0, bytes, { length: bytes.length });
  assert.equal(patch.status, 204, patch.body);
  const commit = await api(server.endpoint, 'POST', `/v1/session/answers/${questionId}`, { attempt: 1, durationMs: 2000 }, token);
  assert.equal(commit.status, 200, JSON.stringify(commit.json));
}

for (const database of testDatabases) describe(`lifecycle rule on every write [${database.name}]`, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({}, database);
  });
  after(() => server.close());

  it('refuses a consent record that takes recording back (409 CONSENT_WITHDRAWAL_REQUIRED): the session keeps recording nothing it was not allowed to', async () => {
    const { token } = await consentedSession(server);
    const upload = await createUpload(server.endpoint, token, video());
    assert.equal((await patchUpload(upload.url!, token, 0, fakeWebm(1000))).status, 204);
    for (const choices of [{ ...CONSENT.choices, recording: false }, CONSENT.choices]) {
      const ageConfirmed = !choices.recording; // recording refused; or recording kept but the age confirmation taken back
      const downgrade = await api(server.endpoint, 'POST', '/v1/session/consent', { ...CONSENT, choices, ageConfirmed }, token);
      assert.equal(downgrade.status, 409, JSON.stringify(downgrade.json));
      assert.equal(downgrade.json.error.code, 'CONSENT_WITHDRAWAL_REQUIRED');
    }
    // Changing only the optional purposes stays possible.
    const aiOnly = await api(server.endpoint, 'POST', '/v1/session/consent', { ...CONSENT, choices: { ...CONSENT.choices, productImprovement: true } }, token);
    assert.equal(aiOnly.status, 201);
    assert.equal((await patchUpload(upload.url!, token, 1000, fakeWebm(500))).status, 204, 'recording still allowed');
  });

  it('after withdrawal: no creation, no PATCH to an existing upload, no commit, no completion', async () => {
    const { token } = await consentedSession(server);
    const upload = await createUpload(server.endpoint, token, video());
    assert.equal((await patchUpload(upload.url!, token, 0, fakeWebm(1000), { length: 1000 })).status, 204);
    assert.equal((await api(server.endpoint, 'POST', '/v1/session/consent/withdraw', {}, token)).status, 200);
    const attempts = [
      await createUpload(server.endpoint, token, video('q2')),
      await patchUpload(upload.url!, token, 1000, fakeWebm(10)),
      { status: (await api(server.endpoint, 'POST', '/v1/session/answers/q1', { attempt: 1 }, token)).status, body: '' },
      { status: (await api(server.endpoint, 'POST', '/v1/session/complete', {}, token)).status, body: '' },
    ];
    assert.deepEqual(attempts.map((a) => a.status), [403, 403, 403, 403]);
    assert.equal(codeOf(attempts[1]!.body), 'SESSION_WITHDRAWN');
  });

  it('after completion: a PATCH to an upload that was never committed is refused (403 SESSION_CLOSED), and so are new uploads and commits', async () => {
    const { token } = await consentedSession(server);
    const stray = await createUpload(server.endpoint, token, video('q1', '2', 'audio')); // a retake never committed
    assert.equal((await patchUpload(stray.url!, token, 0, fakeWebm(800))).status, 204);
    await answer(server, token, 'q1');
    await answer(server, token, 'q2');
    const complete = await api(server.endpoint, 'POST', '/v1/session/complete', {}, token);
    assert.equal(complete.status, 200, JSON.stringify(complete.json));
    const late = await patchUpload(stray.url!, token, 800, fakeWebm(400));
    assert.equal(late.status, 403, late.body);
    assert.equal(codeOf(late.body), 'SESSION_CLOSED');
    const head = await fetch(stray.url!, { method: 'HEAD', headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' } });
    assert.equal(head.headers.get('upload-offset'), '800', 'the refused bytes were not stored');
    const create = await createUpload(server.endpoint, token, video('q2', '1', 'audio'));
    assert.equal(create.status, 403);
    assert.equal(codeOf(create.body), 'SESSION_CLOSED');
  });

  it('caps uploads per take and track (429 UPLOAD_LIMIT_REACHED) and the session’s stored bytes (413 SESSION_STORAGE_LIMIT)', async () => {
    const { token } = await consentedSession(server);
    for (let i = 0; i < 5; i++) assert.equal((await createUpload(server.endpoint, token, video('q1', '1', 'audio'))).status, 201);
    const sixth = await createUpload(server.endpoint, token, video('q1', '1', 'audio'));
    assert.equal(sixth.status, 429, sixth.body);
    assert.equal(codeOf(sixth.body), 'UPLOAD_LIMIT_REACHED');
    assert.equal((await createUpload(server.endpoint, token, video('q1', '1', 'video'))).status, 201, 'another track has its own count');

    const small = await startTestServer({ maxUploadBytes: 3000 }, database);
    try {
      const s = await consentedSession(small);
      const b64 = (v: string) => Buffer.from(v).toString('base64');
      const declare = (length: number, track = 'video') =>
        fetch(`${small.endpoint}/v1/uploads`, {
          method: 'POST',
          headers: { authorization: `Bearer ${s.token}`, 'tus-resumable': '1.0.0', 'upload-length': String(length), 'upload-metadata': `questionId ${b64('q2')},attempt ${b64('1')},track ${b64(track)},mimeType ${b64(`${track}/webm`)}` },
        });
      // Budget: (q1: 2 attempts + q2: 1 attempt) × 2 tracks × 3000 bytes = 18 000 bytes.
      for (let i = 0; i < 6; i++) {
        const made = await declare(3000, i < 3 ? 'video' : 'audio');
        assert.equal(made.status, 201);
        const bytes = fakeWebm(3000);
        assert.equal((await patchUpload(new URL(made.headers.get('location')!, small.endpoint).href, s.token, 0, bytes)).status, 204);
      }
      const over = await declare(1000, 'audio');
      assert.equal(over.status, 413);
      assert.equal((await over.json()).error.code, 'SESSION_STORAGE_LIMIT');
    } finally {
      await small.close();
    }
  });
});

describe('a refused request does not poison its keep-alive connection', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  /** One request on `agent` (keep-alive, one socket); resolves with status, body and the socket used. */
  const send = (agent: http.Agent, url: string, options: http.RequestOptions, body?: Buffer) =>
    new Promise<{ status: number; body: string; socket: unknown }>((resolve, reject) => {
      const req = http.request(url, { ...options, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), socket: req.socket }));
      });
      req.on('error', reject);
      req.end(body);
    });

  it('a 415 on a first PATCH with junk bytes, a 401 on a PATCH with a body, then ordinary requests on the same socket', async () => {
    const { token, sessionId } = await consentedSession(server);
    const upload = await createUpload(server.endpoint, token, video());
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const patch = (auth: string, body: Buffer) =>
        send(agent, upload.url!, {
          method: 'PATCH',
          headers: { authorization: auth, 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream', 'content-length': String(body.length) },
        }, body);
      const junk = await patch(`Bearer ${token}`, randomBytes(200_000));
      assert.equal(junk.status, 415, junk.body);
      const unauthorized = await patch('Bearer nope', randomBytes(50_000));
      assert.equal(unauthorized.status, 401, unauthorized.body);
      for (let i = 0; i < 3; i++) {
        const session = await send(agent, `${server.endpoint}/v1/session`, { method: 'GET', headers: { authorization: `Bearer ${token}` } });
        assert.equal(session.status, 200, session.body);
        assert.equal(session.socket, junk.socket, 'the same keep-alive connection');
      }
      const ats = await send(agent, `${server.endpoint}/v1/sessions/${sessionId}`, { method: 'GET', headers: { authorization: `Bearer ${API_KEY}` } });
      assert.equal(ats.status, 200, ats.body);
    } finally {
      agent.destroy();
    }
  });

  it('a large unread body gets Connection: close, and the client still reads the refusal (no reset)', async () => {
    const { token } = await consentedSession(server);
    const upload = await createUpload(server.endpoint, token, video());
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const big = randomBytes(3 * 1024 * 1024);
      const refused = await new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
        const req = http.request(upload.url!, {
          method: 'PATCH',
          agent,
          headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream', 'content-length': String(big.length) },
        }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: Buffer.concat(chunks).toString() }));
        });
        req.on('error', reject);
        req.end(Buffer.concat([Buffer.from('not a video'), big.subarray(11)]));
      });
      assert.equal(refused.status, 415, refused.body);
      assert.equal(refused.connection, 'close');
      const next = await send(agent, `${server.endpoint}/v1/session`, { method: 'GET', headers: { authorization: `Bearer ${token}` } });
      assert.equal(next.status, 200, 'a new connection serves the next request');
    } finally {
      agent.destroy();
    }
  });
});
