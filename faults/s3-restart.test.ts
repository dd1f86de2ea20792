// s3rver stopped while uploads are in flight and started again on the same port and directory:
// the uploads resume from HEAD and the objects in the bucket are the bytes sent.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startS3rver, type TestS3 } from '../packages/server-sdk/test/helpers/s3rver.js';
import { startTcpProxy } from '../packages/server-sdk/test/helpers/tcp-proxy.js';
import { startTestServer, type TestServer } from '../packages/server-sdk/test/helpers/server.js';
import { API_KEY, commitAnswer, consentedSession, createInterview, fakeWebm, pool, prng, resilientUpload, seedFor, sha256, sleep, verifyRecords } from './helpers.js';

const UPLOADS = 4;
const CHUNK = 256 * 1024;

describe('fault: S3 server restarted mid-upload', () => {
  let s3: TestS3;
  let server: TestServer;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  before(async () => {
    s3 = await startS3rver({ buckets: ['media'] });
    // The proxy stretches the outage beyond the instant of s3rver's restart (and the AWS SDK's own retries).
    proxy = await startTcpProxy(s3.port);
    server = await startTestServer({ apiKeys: [API_KEY], rateLimitPerMinute: 100_000, s3: { bucket: s3.bucket, endpoint: proxy.endpoint, forcePathStyle: true, credentials: s3.credentials } });
  });
  after(async () => {
    await server?.close();
    await proxy?.close();
    await s3?.stop();
  });

  it('resumes every upload after the outage, byte-identical, once', async () => {
    const random = prng(seedFor('S3 restart'));
    const interviewId = await createInterview(server.endpoint);
    const sessions = [];
    // Larger than one 5 MiB S3 part, so both uploaded parts and the pending tail are exercised.
    for (let i = 0; i < UPLOADS; i++) sessions.push({ ...(await consentedSession(server.endpoint, interviewId, `s3-${i}`)), data: fakeWebm(6 * 1024 * 1024 + Math.floor(random() * 1024 * 1024), random) });
    const total = sessions.reduce((n, s) => n + Math.ceil(s.data.length / CHUNK), 0);
    const stopAfter = Math.floor(total * (0.3 + random() * 0.4));
    let patches = 0;
    let outage: Promise<void> | null = null;
    const results = await pool(sessions, UPLOADS, (s) =>
      resilientUpload(server.endpoint, s.token, s.data, {
        chunk: CHUNK,
        timeoutMs: 120_000,
        // During the outage the server answers 503 STORAGE_UNAVAILABLE, so uploads resume; were one
        // really gone (404), the widget would re-create it from its journal, and so would this client.
        recreateWhenGone: true,
        async beforePatch() {
          if (++patches !== stopAfter) return;
          outage = (async () => {
            // S3 unreachable for 3 s, and s3rver itself stopped and started (same port and directory) within it.
            proxy.down(3000);
            await s3.restart();
            console.log(`[faults] s3rver restarted after ${patches} of ~${total} PATCHes`);
          })();
          await sleep(0);
        },
      }),
    );
    await outage;
    assert.ok(outage, 'the S3 server was never restarted');
    for (const s of sessions) await commitAnswer(server.endpoint, s.token);
    const counts = await verifyRecords(server.endpoint, interviewId, new Map(sessions.map((s) => [s.sessionId, sha256(s.data)])));
    const failures = results.reduce((n, r) => n + r.failures, 0);
    const recreated = results.reduce((n, r) => n + r.recreated, 0);
    const resent = results.reduce((n, r) => n + r.bytesSent, 0) - sessions.reduce((n, s) => n + s.data.length, 0);
    console.log(`[faults] S3 restart: ${UPLOADS} uploads, ${failures} failed requests resumed, ${recreated} uploads re-created after a 404 during the outage, ${resent} bytes re-sent; records ${JSON.stringify(counts)}`);
    assert.ok(failures > 0, 'no request failed: the outage did not land mid-upload');
    // @tus/s3-store alone reports an unreachable S3 as "not found": every upload hit by the outage
    // would start again (and soon run into UPLOAD_LIMIT_REACHED).
    assert.equal(recreated, 0, 'an upload was given up during the outage (404 instead of 503)');
    assert.deepEqual(counts, { sessions: UPLOADS, answers: UPLOADS, media: UPLOADS, identical: UPLOADS, duplicated: 0 });
  });
});
