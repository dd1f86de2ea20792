import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { postgres, postgresSkipReason } from './helpers/databases.js';
import { api, consentedSession, startTestServer } from './helpers/server.js';
import { createUpload, headUpload, openPatch, patchUpload } from './helpers/tus.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A PATCH that sends `sendBytes` of its body and then stalls with the socket open (a stuck client). */
function stalledPatch(url: string, token: string, body: Buffer, sendBytes: number) {
  const req = openPatch(url, token, 0, body);
  const settled = new Promise<number | 'closed'>((resolve) => {
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve('closed'));
  });
  req.write(body.subarray(0, sendBytes));
  return { settled, destroy: () => req.destroy() };
}

describe('several instances on one PostgreSQL database', { skip: postgresSkipReason ?? false }, () => {
  it('an upload held by a stalled request on instance A is taken over by instance B and finished byte-identical', async () => {
    const dbOptions = postgres.options();
    const mediaDir = await mkdtemp(path.join(os.tmpdir(), 'candid-shared-media-'));
    // Two instances as two servers would run them: same database schema, same media volume, same secret.
    const shared = { ...dbOptions, dataDir: mediaDir, secret: 'one-secret-for-every-instance-0123456789' };
    const a = await startTestServer(shared);
    const b = await startTestServer(shared);
    try {
      const { token, sessionId } = await consentedSession(a);
      const data = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), randomBytes(2 * 1024 * 1024)]);
      const upload = await createUpload(a.endpoint, token, { questionId: 'q1', attempt: '1', track: 'video', mimeType: 'video/webm' });
      assert.equal(upload.status, 201);
      const urlOnB = upload.url!.replace(a.endpoint, b.endpoint);

      const stalled = stalledPatch(upload.url!, token, data, 512 * 1024);
      await new Promise((r) => setTimeout(r, 300));

      // B needs the lock A holds: it asks A (NOTIFY) to let go, A ends its stuck request.
      const started = Date.now();
      const head = await headUpload(urlOnB, token);
      const waited = Date.now() - started;
      assert.equal(head.status, 200);
      assert.ok(head.offset > 0 && head.offset <= 512 * 1024, `B sees the bytes A stored (${head.offset})`);
      assert.ok(waited < 10_000, `the lock moved in ${waited} ms`);
      const outcome = await Promise.race([stalled.settled, new Promise((r) => setTimeout(() => r('still open'), 5000))]);
      assert.notEqual(outcome, 'still open', 'A released the stuck request');
      stalled.destroy();

      const rest = await patchUpload(urlOnB, token, head.offset, data.subarray(head.offset), { length: data.length });
      assert.equal(rest.status, 204);
      const commit = await api(b.endpoint, 'POST', '/v1/session/answers/q1', { attempt: 1 }, token);
      assert.equal(commit.status, 200, JSON.stringify(commit.json));
      assert.equal(commit.json.answer.media[0].sha256, sha256(data));
      const seenFromA = await api(a.endpoint, 'GET', `/v1/sessions/${sessionId}`);
      assert.equal(seenFromA.json.answers[0].media[0].sizeBytes, data.length);
    } finally {
      await a.close();
      await b.close();
      await postgres.cleanup(dbOptions);
      await rm(mediaDir, { recursive: true, force: true });
    }
  });
});
