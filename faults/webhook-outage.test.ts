// The webhook receiver down (connection refused) while events are emitted, then up again on the
// same address: every event arrives, each exactly once by webhook-id, none lost.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { freePort } from '../packages/server-sdk/test/helpers/serve-process.js';
import { startTestServer, type TestServer } from '../packages/server-sdk/test/helpers/server.js';
import { API_KEY, call, commitAnswer, consentedSession, createInterview, fakeWebm, resilientUpload, sleep } from './helpers.js';

const SESSIONS = 5;

/** A receiver on a fixed port that can be taken down and brought back. */
function receiverOn(port: number) {
  const received: Array<{ id: string; type: string; sessionId: string }> = [];
  let server: http.Server | null = null;
  return {
    received,
    url: `http://127.0.0.1:${port}/hooks`,
    async up() {
      server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          received.push({ id: String(req.headers['webhook-id']), type: body.type, sessionId: body.data?.sessionId });
          res.statusCode = 204;
          res.end();
        });
      });
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    },
    async down() {
      if (!server) return;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = null;
    },
  };
}

describe('fault: webhook receiver down, then up', () => {
  let server: TestServer;
  let receiver: ReturnType<typeof receiverOn>;
  before(async () => {
    receiver = receiverOn(await freePort());
    server = await startTestServer({
      apiKeys: [API_KEY],
      webhookUrl: receiver.url,
      webhookSecret: `whsec_${randomBytes(24).toString('base64')}`,
      webhookAllowPrivate: true,
      jobs: { retryDelaySeconds: 1, pollingSeconds: 0.5 },
    });
  });
  after(async () => {
    await receiver?.down();
    await server?.close();
  });

  it('delivers every event exactly once after the outage', async () => {
    // Down from the start: every first attempt is refused.
    const interviewId = await createInterview(server.endpoint);
    const sessionIds: string[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      const { sessionId, token } = await consentedSession(server.endpoint, interviewId, `hook-${i}`);
      sessionIds.push(sessionId);
      await resilientUpload(server.endpoint, token, fakeWebm(100_000), { chunk: 64 * 1024 });
      await commitAnswer(server.endpoint, token);
      const complete = await call(server.endpoint, 'POST', '/v1/session/complete', {}, token);
      assert.equal(complete.status, 200, JSON.stringify(complete.json));
    }
    await sleep(3000);
    assert.equal(receiver.received.length, 0);
    await receiver.up();
    const expected = sessionIds.flatMap((id) => ['session.consented', 'answer.stored', 'session.completed'].map((type) => `${id} ${type}`)).sort();
    const deadline = Date.now() + 60_000;
    while (new Set(receiver.received.map((r) => r.id)).size < expected.length && Date.now() < deadline) await sleep(250);
    await sleep(3000); // time for any duplicate to show up
    const ids = receiver.received.map((r) => r.id);
    const duplicates = ids.length - new Set(ids).size;
    console.log(`[faults] webhook outage: ${expected.length} events expected, ${new Set(ids).size} delivered, ${duplicates} duplicates`);
    assert.equal(duplicates, 0, 'an event was delivered twice');
    assert.deepEqual(receiver.received.map((r) => `${r.sessionId} ${r.type}`).sort(), expected);
  });
});
