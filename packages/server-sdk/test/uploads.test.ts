import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type TestServer, api, consentedSession, startTestServer } from './helpers/server.js';
import { testDatabases } from './helpers/databases.js';
import { createUpload, deleteUpload, headUpload, patchAndCut, patchUpload, trickledPatch } from './helpers/tus.js';
import { fakeWebm } from './helpers/media-fixtures.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const video = (questionId = 'q1', attempt = '1') => ({ questionId, attempt, track: 'video', mimeType: 'video/webm;codecs=vp8,opus' });

async function downloadMedia(server: TestServer, sessionId: string, answerId: string, range?: string) {
  const res = await fetch(`${server.endpoint}/v1/sessions/${sessionId}/media/${answerId}`, {
    headers: { authorization: 'Bearer test-api-key-0123456789-abcdefghijklmnop', ...(range ? { range } : {}) },
  });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

for (const database of testDatabases) describe(`tus uploads bound to the session [${database.name}]`, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({}, database);
  });
  after(() => server.close());

  it('refuses uploads before consent with 403 CONSENT_REQUIRED', async () => {
    const { token } = await consentedSession(server, { consent: false });
    const res = await createUpload(server.endpoint, token, video());
    assert.equal(res.status, 403);
    assert.equal(JSON.parse(res.body).error.code, 'CONSENT_REQUIRED');
  });

  it('refuses uploads when the candidate declined recording', async () => {
    const { token } = await consentedSession(server, { consent: false });
    const consent = await api(server.endpoint, 'POST', '/v1/session/consent', { noticeVersion: null, choices: { recording: false, aiEvaluation: false }, ageConfirmed: true }, token);
    assert.equal(consent.status, 201);
    assert.equal(consent.json.status, 'invited');
    assert.equal((await createUpload(server.endpoint, token, video())).status, 403);
  });

  it('mints the upload id on the server and returns a Location under the mount path', async () => {
    const { token } = await consentedSession(server);
    const res = await createUpload(server.endpoint, token, video());
    assert.equal(res.status, 201);
    assert.match(res.url!, /\/candid\/v1\/uploads\/upl_[0-9a-f]{32}$/);
  });

  it("does not let session A's token HEAD, PATCH or DELETE session B's upload", async () => {
    const a = await consentedSession(server);
    const b = await consentedSession(server);
    const upload = await createUpload(server.endpoint, b.token, video());
    assert.equal((await patchUpload(upload.url!, b.token, 0, fakeWebm(1000))).status, 204);

    const head = await headUpload(upload.url!, a.token);
    assert.equal(head.status, 404);
    const patch = await patchUpload(upload.url!, a.token, 1000, Buffer.from('evil'));
    assert.equal(patch.status, 404);
    assert.equal(JSON.parse(patch.body).error.code, 'UPLOAD_NOT_FOUND');
    assert.equal((await deleteUpload(upload.url!, a.token)).status, 404);
    // B's upload is untouched.
    const own = await headUpload(upload.url!, b.token);
    assert.equal(own.status, 200);
    assert.equal(own.offset, 1000);
  });

  it('rejects ids that were not minted by the server and bad metadata', async () => {
    const { token } = await consentedSession(server);
    assert.equal((await headUpload(`${server.endpoint}/v1/uploads/..%2F..%2Fetc%2Fpasswd`, token)).status, 404);
    assert.equal((await headUpload(`${server.endpoint}/v1/uploads/upl_0123456789abcdef0123456789abcdef`, token)).status, 404);
    const badQuestion = await createUpload(server.endpoint, token, video('nope'));
    assert.equal(badQuestion.status, 404);
    const badAttempt = await createUpload(server.endpoint, token, video('q2', '2'));
    assert.equal(badAttempt.status, 400);
    const badType = await createUpload(server.endpoint, token, { ...video(), mimeType: 'application/x-msdownload' });
    assert.equal(badType.status, 415);
    assert.equal(JSON.parse(badType.body).error.code, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('resumes an upload cut half-way (HEAD + PATCH) into a byte-identical file', async () => {
    const { token, sessionId } = await consentedSession(server);
    const data = fakeWebm(3 * 1024 * 1024 + 123);
    const upload = await createUpload(server.endpoint, token, video());
    assert.equal(upload.status, 201);

    // First PATCH carries the whole file but the connection dies after ~half of it.
    await patchAndCut(upload.url!, token, 0, data, Math.floor(data.length / 2));
    let head = await headUpload(upload.url!, token);
    for (let i = 0; i < 20 && head.status !== 200; i++) head = await headUpload(upload.url!, token);
    assert.equal(head.status, 200);
    assert.equal(head.deferred, '1');
    assert.ok(head.offset > 0 && head.offset <= data.length / 2, `server kept ${head.offset} bytes of the first half`);

    // A PATCH at a stale offset is refused without changing anything.
    assert.equal((await patchUpload(upload.url!, token, 0, data.subarray(0, 10))).status, 409);

    // Resume from the server's offset, declaring the final length.
    const resumed = await patchUpload(upload.url!, token, head.offset, data.subarray(head.offset), { length: data.length });
    assert.equal(resumed.status, 204);
    assert.equal(resumed.offset, data.length);

    const commit = await api(server.endpoint, 'POST', '/v1/session/answers/q1', { attempt: 1, durationMs: 3000, speechSegments: [{ startMs: 0, endMs: 900 }] }, token);
    assert.equal(commit.status, 200, JSON.stringify(commit.json));
    const media = commit.json.answer.media[0];
    assert.equal(media.sizeBytes, data.length);
    assert.equal(media.sha256, sha256(data));

    const stored = await downloadMedia(server, sessionId, commit.json.answer.id);
    assert.equal(stored.status, 200);
    assert.equal(stored.headers.get('content-type'), 'video/webm');
    assert.ok(stored.body.equals(data), 'stored bytes are identical to the sent bytes');

    const range = await downloadMedia(server, sessionId, commit.json.answer.id, 'bytes=0-3');
    assert.equal(range.status, 206);
    assert.equal(range.headers.get('content-range'), `bytes 0-3/${data.length}`);
    assert.equal(range.body.toString('hex'), '1a45dfa3');
    assert.equal((await downloadMedia(server, sessionId, commit.json.answer.id, `bytes=${data.length}-`)).status, 416);
  });

  // The first PATCH's leading bytes are sniffed before tus reads the body. A body shorter than the
  // sniff window (Chrome's MediaRecorder can emit a 1-byte first chunk) must still be stored whole:
  // it was read to its end, could not be put back, and was answered 204 with offset 0, forever.
  it('stores first PATCHes shorter than the sniff window, whether they arrive at once or in pieces', async () => {
    const { token } = await consentedSession(server);
    const data = fakeWebm(4000);
    for (const { label, first, pieces } of [
      { label: '1 byte at once', first: 1, pieces: [1] },
      { label: '7 bytes at once', first: 7, pieces: [7] },
      { label: '5 bytes in 3 trickles', first: 5, pieces: [2, 1, 2] },
      { label: '12 bytes in 4 trickles', first: 12, pieces: [1, 3, 4, 4] },
    ]) {
      const upload = await createUpload(server.endpoint, token, video());
      const res = await trickledPatch(upload.url!, token, 0, data.subarray(0, first), pieces);
      assert.equal(res.status, 204, `${label}: ${res.body}`);
      assert.equal(res.offset, first, `${label}: the server took every byte`);
      const rest = await patchUpload(upload.url!, token, first, data.subarray(first), { length: data.length });
      assert.equal(rest.offset, data.length, label);
      assert.equal((await headUpload(upload.url!, token)).offset, data.length, label);
    }
    // The same sniff runs on creation-with-upload (a POST carrying the first bytes).
    const created = await fetch(`${server.endpoint}/v1/uploads`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'tus-resumable': '1.0.0',
        'upload-defer-length': '1',
        'upload-metadata': Object.entries(video('q2')).map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`).join(','),
        'content-type': 'application/offset+octet-stream',
      },
      body: data.subarray(0, 1),
    });
    assert.equal(created.status, 201, await created.text());
    const createdUrl = new URL(created.headers.get('location')!, server.endpoint).href;
    assert.equal((await headUpload(createdUrl, token)).offset, 1, 'creation-with-upload kept its 1 byte');

    // And a commit of the last one holds exactly the bytes sent.
    const commit = await api(server.endpoint, 'POST', '/v1/session/answers/q1', { attempt: 1, durationMs: 1000 }, token);
    assert.equal(commit.status, 200, JSON.stringify(commit.json));
    assert.equal(commit.json.answer.media[0].sha256, sha256(data));
  });

  it('refuses to commit an incomplete take (409) and a take whose bytes are not the declared container (415)', async () => {
    const { token } = await consentedSession(server);
    assert.equal((await api(server.endpoint, 'POST', '/v1/session/answers/q1', { attempt: 1 }, token)).json.error.code, 'UPLOAD_MISSING');
    const upload = await createUpload(server.endpoint, token, video());
    await patchUpload(upload.url!, token, 0, fakeWebm(5000));
    const incomplete = await api(server.endpoint, 'POST', '/v1/session/answers/q1', { attempt: 1 }, token);
    assert.equal(incomplete.status, 409);
    assert.equal(incomplete.json.error.code, 'UPLOAD_INCOMPLETE');

    // Bytes that are not the declared container are refused at the first PATCH, before storage.
    const fake = await createUpload(server.endpoint, token, video('q2'));
    const bytes = Buffer.from('MZ this is not a video at all');
    const refused = await patchUpload(fake.url!, token, 0, bytes, { length: bytes.length });
    assert.equal(refused.status, 415);
    assert.equal(JSON.parse(refused.body).error.code, 'UNSUPPORTED_MEDIA_TYPE');
    assert.equal((await headUpload(fake.url!, token)).offset, 0, 'nothing was stored');
    const wrongType = await api(server.endpoint, 'POST', '/v1/session/answers/q2', { attempt: 1 }, token);
    assert.equal(wrongType.status, 409);
    assert.equal(wrongType.json.error.code, 'UPLOAD_INCOMPLETE');
  });

  it('runs a whole session: consent, two answers, complete; the ATS sees media, sizes, sha256 and consent', async () => {
    const { token, sessionId } = await consentedSession(server);
    const sent: Record<string, Buffer> = {};
    for (const questionId of ['q1', 'q2']) {
      const data = fakeWebm(200_000 + Math.floor(Math.random() * 1000));
      sent[questionId] = data;
      const upload = await createUpload(server.endpoint, token, video(questionId));
      let offset = 0;
      for (let i = 0; i < data.length; i += 65_536) {
        const res = await patchUpload(upload.url!, token, offset, data.subarray(i, i + 65_536));
        assert.equal(res.status, 204);
        offset = res.offset;
      }
      assert.equal((await patchUpload(upload.url!, token, offset, Buffer.alloc(0), { length: data.length })).status, 204);
      const commit = await api(server.endpoint, 'POST', `/v1/session/answers/${questionId}`, { attempt: 1, durationMs: 4000 }, token);
      assert.equal(commit.status, 200);
      // Committing again is idempotent; another attempt is refused.
      assert.equal((await api(server.endpoint, 'POST', `/v1/session/answers/${questionId}`, { attempt: 1 }, token)).status, 200);
      if (questionId === 'q1') assert.equal((await api(server.endpoint, 'POST', '/v1/session/answers/q1', { attempt: 2 }, token)).json.error.code, 'ANSWER_ALREADY_COMMITTED');
      // Committed bytes are frozen.
      assert.equal((await patchUpload(upload.url!, token, data.length, Buffer.from('x'))).status, 409);
    }
    const done = await api(server.endpoint, 'POST', '/v1/session/complete', {}, token);
    assert.deepEqual(done.json, { status: 'completed' });

    const session = await api(server.endpoint, 'GET', `/v1/sessions/${sessionId}`);
    assert.equal(session.status, 200);
    assert.equal(session.json.status, 'completed');
    assert.equal(session.json.consents.length, 1);
    assert.equal(session.json.consents[0].choices.recording, true);
    assert.equal(session.json.answers.length, 2);
    for (const answer of session.json.answers) {
      assert.equal(answer.media[0].sizeBytes, sent[answer.questionId]!.length);
      assert.equal(answer.media[0].sha256, sha256(sent[answer.questionId]!));
    }
    // A completed session takes no more uploads.
    assert.equal((await createUpload(server.endpoint, token, video('q1', '2'))).status, 403);
  });

  it('refuses to complete while answers are missing', async () => {
    const { token } = await consentedSession(server);
    const res = await api(server.endpoint, 'POST', '/v1/session/complete', {}, token);
    assert.equal(res.status, 409);
    assert.equal(res.json.error.code, 'ANSWERS_MISSING');
  });
});

describe('connection probe', () => {
  it('counts and drops up to 2 MiB, refuses more, and needs a session token', async () => {
    const server = await startTestServer();
    try {
      const { token } = await consentedSession(server, { consent: false });
      const probe = async (size: number, auth: string | null = token) =>
        fetch(`${server.endpoint}/v1/session/probe`, {
          method: 'POST',
          headers: { ...(auth ? { authorization: `Bearer ${auth}` } : {}), 'content-type': 'application/octet-stream' },
          body: randomBytes(size),
        });
      const ok = await probe(256 * 1024);
      assert.equal(ok.status, 200);
      const body = await ok.json();
      assert.equal(body.receivedBytes, 256 * 1024);
      assert.equal(typeof body.serverMs, 'number');
      const big = await probe(3 * 1024 * 1024).catch(() => null);
      if (big) assert.equal(big.status, 413);
      assert.equal((await probe(10, null)).status, 401);
    } finally {
      await server.close();
    }
  });
});
