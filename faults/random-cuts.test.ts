// 100 uploads through the tus endpoint, each PATCH cut at a random byte with some probability (seeded),
// every upload resumed from HEAD. Ends with byte-identical media and exactly one answer per upload.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../packages/server-sdk/test/helpers/server.js';
import { API_KEY, commitAnswer, consentedSession, createInterview, fakeWebm, pool, prng, resilientUpload, seedFor, sha256, verifyRecords } from './helpers.js';

const UPLOADS = 100;
const CHUNK = 64 * 1024;

describe('fault: 100 uploads with random connection cuts', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ apiKeys: [API_KEY], rateLimitPerMinute: 100_000 });
  });
  after(() => server.close());

  it('stores every upload byte-identical, once', async () => {
    const random = prng(seedFor('random cuts'));
    const interviewId = await createInterview(server.endpoint);
    // Sizes and cut points are drawn up front so the run is the same for a seed whatever the timing.
    const plans = Array.from({ length: UPLOADS }, (_, i) => ({
      i,
      data: fakeWebm(64 * 1024 + Math.floor(random() * 512 * 1024), random),
      cuts: Array.from({ length: 64 }, () => (random() < 0.3 ? random() : null)),
    }));
    const expected = new Map<string, string>();
    const totals = { cuts: 0, bytesSent: 0, bytes: 0, failures: 0 };
    await pool(plans, 8, async (plan) => {
      const { sessionId, token } = await consentedSession(server.endpoint, interviewId, `cut-${plan.i}`);
      expected.set(sessionId, sha256(plan.data));
      let n = 0;
      const stats = await resilientUpload(server.endpoint, token, plan.data, {
        chunk: CHUNK,
        cut: (bytes) => {
          const at = plan.cuts[n++ % plan.cuts.length];
          return at === null || at === undefined ? null : Math.floor(at * bytes);
        },
      });
      totals.cuts += stats.cuts;
      totals.bytesSent += stats.bytesSent;
      totals.failures += stats.failures;
      totals.bytes += plan.data.length;
      await commitAnswer(server.endpoint, token);
    });
    const counts = await verifyRecords(server.endpoint, interviewId, expected);
    console.log(`[faults] random cuts: ${UPLOADS} uploads, ${totals.cuts} cuts, ${totals.failures} other failures, ${totals.bytes} bytes, ${totals.bytesSent - totals.bytes} bytes re-sent; records ${JSON.stringify(counts)}`);
    assert.ok(totals.cuts >= UPLOADS / 2, `too few cuts to mean anything (${totals.cuts})`);
    assert.deepEqual(counts, { sessions: UPLOADS, answers: UPLOADS, media: UPLOADS, identical: UPLOADS, duplicated: 0 });
  });
});
