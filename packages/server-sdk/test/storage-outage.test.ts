// S3 unreachable while candidates upload (s3rver behind a TCP proxy that goes down): the server says
// so (503 STORAGE_UNAVAILABLE) instead of "not found", the upload resumes from its offset once S3 is
// back, and creations storage refused do not use up the take's upload cap.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { MAX_UPLOADS_PER_TAKE_TRACK } from '../src/services/uploads.js';
import { type TestS3, startS3rver } from './helpers/s3rver.js';
import { api, codeOf, consentedSession, startTestServer, type TestServer } from './helpers/server.js';
import { startTcpProxy } from './helpers/tcp-proxy.js';
import { createUpload, headUpload, patchUpload } from './helpers/tus.js';
import { fakeWebm } from './helpers/media-fixtures.js';

const VIDEO = { questionId: 'q1', attempt: '1', track: 'video', mimeType: 'video/webm;codecs=vp8,opus' };

describe('S3 outage during uploads', () => {
  let s3: TestS3;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let server: TestServer;
  before(async () => {
    s3 = await startS3rver({ buckets: ['media'] });
    proxy = await startTcpProxy(s3.port);
    server = await startTestServer({ s3: { bucket: s3.bucket, endpoint: proxy.endpoint, forcePathStyle: true, credentials: s3.credentials } });
  });
  after(async () => {
    await server?.close();
    await proxy?.close();
    await s3?.stop();
  });

  it('HEAD and PATCH answer 503 STORAGE_UNAVAILABLE (not 404) while S3 is down; the upload then resumes from its offset, byte-identical', async () => {
    const { token } = await consentedSession(server);
    const upload = await createUpload(server.endpoint, token, VIDEO);
    assert.equal(upload.status, 201, upload.body);
    const bytes = fakeWebm(3000);
    assert.equal((await patchUpload(upload.url!, token, 0, bytes.subarray(0, 1000))).status, 204);

    proxy.down();
    try {
      const head = await fetch(upload.url!, { method: 'HEAD', headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' } });
      assert.equal(head.status, 503, 'HEAD during the outage');
      const patch = await patchUpload(upload.url!, token, 1000, bytes.subarray(1000, 2000));
      assert.equal(patch.status, 503, patch.body);
      assert.equal(codeOf(patch.body), 'STORAGE_UNAVAILABLE');
    } finally {
      proxy.up();
    }

    const resumed = await headUpload(upload.url!, token);
    assert.deepEqual({ status: resumed.status, offset: resumed.offset }, { status: 200, offset: 1000 });
    assert.equal((await patchUpload(upload.url!, token, 1000, bytes.subarray(1000), { length: bytes.length })).status, 204);
    const commit = await api(server.endpoint, 'POST', '/v1/session/answers/q1', { attempt: 1, durationMs: 3000 }, token);
    assert.equal(commit.status, 200, JSON.stringify(commit.json));
    assert.equal(commit.json.answer.media[0].sha256, createHash('sha256').update(bytes).digest('hex'));
  });

  it("creations storage refused during the outage do not count against the take's cap; the cap still holds after", async () => {
    const { token } = await consentedSession(server);
    proxy.down();
    try {
      for (let i = 0; i < MAX_UPLOADS_PER_TAKE_TRACK + 2; i++) {
        const refused = await createUpload(server.endpoint, token, VIDEO);
        assert.ok(refused.status >= 500, `creation ${i + 1} during the outage: ${refused.status} ${refused.body}`);
      }
    } finally {
      proxy.up();
    }
    for (let i = 0; i < MAX_UPLOADS_PER_TAKE_TRACK; i++) {
      const created = await createUpload(server.endpoint, token, VIDEO);
      assert.equal(created.status, 201, `creation ${i + 1} after the outage: ${created.body}`);
    }
    const over = await createUpload(server.endpoint, token, VIDEO);
    assert.equal(over.status, 429, over.body);
    assert.equal(codeOf(over.body), 'UPLOAD_LIMIT_REACHED');
  });
});
