// `candid.close()` while a background job is still running (the model is slow to answer): the host
// process must not see an unhandled rejection when that job finishes after the database closed,
// and the job must not be lost: the next start finishes it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { type FakeOpenAI, startFakeOpenAI } from './helpers/fake-openai.js';
import { type TestDatabase, testDatabases } from './helpers/databases.js';
import { makeRecordings } from './helpers/media-fixtures.js';
import { runSession } from './helpers/rights-fixtures.js';
import { type TestServer, api, startInstance } from './helpers/server.js';

const HOLD_MS = 9000; // longer than close()'s 5 s grace period for running jobs

for (const database of testDatabases) describe(`candid.close() with a job still running [${database.name}]`, () => {
  let fake: FakeOpenAI;
  let dataDir: string;
  const db = (database as TestDatabase).options();
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    await fake?.close();
    await database.cleanup(db);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('closes without an unhandled rejection when the job ends later, and the next start finishes the job', async () => {
    fake = await startFakeOpenAI();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'candid-shutdown-'));
    const secret = randomBytes(32).toString('hex');
    const options = { openai: { apiKey: 'sk-test', baseURL: fake.baseURL }, jobs: { pollingSeconds: 0.5, retryDelaySeconds: 1 } };
    const first = await startInstance(dataDir, secret, db, options);
    fake.holdNextChatMs = HOLD_MS;
    const { sessionId } = await runSession({ endpoint: first.endpoint } as TestServer, await makeRecordings(), { externalId: 'ats-shutdown', name: 'S', email: 's@example.org' });
    const deadline = Date.now() + 60_000;
    while (fake.chats.length === 0) {
      assert.ok(Date.now() < deadline, 'the scoring job never called the model');
      await new Promise((r) => setTimeout(r, 100));
    }
    const heldAt = Date.now();

    process.on('unhandledRejection', onUnhandled);
    await first.close();
    // The held answer arrives after the close: the job's handler resumes against a closed database.
    await new Promise((r) => setTimeout(r, Math.max(0, heldAt + HOLD_MS + 2000 - Date.now())));
    assert.deepEqual(unhandled.map(String), [], 'no unhandled rejection in the host process');

    const second = await startInstance(dataDir, secret, db, options);
    try {
      let session: any;
      for (const until = Date.now() + 60_000; ; await new Promise((r) => setTimeout(r, 250))) {
        session = (await api(second.endpoint, 'GET', `/v1/sessions/${sessionId}`)).json;
        if (session.evaluation?.status !== 'pending' || Date.now() > until) break;
      }
      assert.equal(session.evaluation?.status, 'scored', JSON.stringify(session.evaluation));
      assert.ok(fake.chats.length >= 2, 'the job ran again after the restart');
    } finally {
      await second.close();
    }
  });
});
