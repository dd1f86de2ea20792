// A process that dies between committing an answer (or completing a session, or storing a webhook
// event) and queuing its job leaves work no job will ever do. The next start finds it and queues
// it: the answer is processed and transcribed, the session is evaluated with every answer (not
// without the lost one), and the ATS gets every event.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { type TestDatabase, testDatabases } from './helpers/databases.js';
import { type FakeOpenAI, startFakeOpenAI } from './helpers/fake-openai.js';
import { makeRecordings } from './helpers/media-fixtures.js';
import { runSession } from './helpers/rights-fixtures.js';
import { type TestServer, api, startInstance } from './helpers/server.js';
import { purgeSessionJobs } from '../src/rights/job-purge.js';
import { generateWebhookSecret } from '../src/index.js';
import { type WebhookReceiver, startWebhookReceiver } from './helpers/webhook-receiver.js';

for (const database of testDatabases) describe(`pipeline catch-up after a crash [${database.name}]`, () => {
  let fake: FakeOpenAI;
  let receiver: WebhookReceiver;
  let dataDir: string;
  const db = (database as TestDatabase).options();
  after(async () => {
    await fake?.close();
    await receiver?.close();
    await database.cleanup(db);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('queues answers, evaluations and webhook deliveries whose jobs were lost; scores with every answer', async () => {
    fake = await startFakeOpenAI();
    receiver = await startWebhookReceiver(() => 204);
    const webhooks = { webhookUrl: receiver.url, webhookSecret: generateWebhookSecret(), webhookAllowPrivate: true };
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'candid-catchup-'));
    const secret = randomBytes(32).toString('hex');
    const openai = { apiKey: 'sk-test', baseURL: fake.baseURL };
    const jobs = { pollingSeconds: 0.5, retryDelaySeconds: 1 };

    // An API-only instance takes the interview; its jobs wait in the queue for a worker.
    const first = await startInstance(dataDir, secret, db, { openai, jobs, workers: false, ...webhooks });
    const { sessionId } = await runSession({ endpoint: first.endpoint } as TestServer, await makeRecordings(), { externalId: 'ats-catchup', name: 'C', email: 'c@example.org' });
    const q = first.candid.sessions.db;
    const answerIds = (await q.query<{ id: string }>('select id from answers where session_id = $1 order by question_id', [sessionId])).rows.map((r) => r.id);
    assert.equal(answerIds.length, 2);
    // The crash: q1's steps and every queued job of the session are gone, and so is the evaluation
    // row that completing the session creates. All of it happened over a minute ago.
    await q.query('delete from answer_steps where answer_id = $1', [answerIds[0]]);
    await q.query('delete from evaluations where session_id = $1', [sessionId]);
    await q.query(`update answers set committed_at = now() - interval '2 minutes' where session_id = $1`, [sessionId]);
    await q.query(`update sessions set completed_at = now() - interval '2 minutes' where id = $1`, [sessionId]);
    // The webhook deliveries of the session lost their jobs too; one of them had used every attempt.
    const deliveries = (await q.query<{ id: string; event_id: string }>(`select d.id, d.event_id from webhook_deliveries d join webhook_events e on e.id = d.event_id where e.session_id = $1 and d.status = 'pending' order by d.seq`, [sessionId])).rows;
    assert.ok(deliveries.length >= 3, `pending deliveries: ${deliveries.length}`);
    await q.query(`update webhook_deliveries set created_at = now() - interval '2 minutes', next_attempt_at = now() - interval '2 minutes'`);
    const exhausted = deliveries.at(-1)!;
    await q.query('update webhook_deliveries set attempts = 13 where id = $1', [exhausted.id]);
    const jobsSchema = `${first.candid.options.databaseSchema}_jobs`;
    const purged = await purgeSessionJobs(q, jobsSchema, { sessionId, answerIds, deliveryIds: deliveries.map((d) => d.id) });
    assert.ok(purged >= 2 + deliveries.length, `the queued jobs were there (${purged})`);
    await first.close();

    // A worker instance starts: the catch-up queues q1 (steps recreated) and the evaluation.
    const second = await startInstance(dataDir, secret, db, { openai, jobs, ...webhooks });
    try {
      let session: any;
      for (const until = Date.now() + 90_000; ; await new Promise((r) => setTimeout(r, 250))) {
        session = (await api(second.endpoint, 'GET', `/v1/sessions/${sessionId}`)).json;
        if (['scored', 'skipped', 'failed'].includes(session.evaluation?.status) || Date.now() > until) break;
      }
      assert.equal(session.evaluation?.status, 'scored', JSON.stringify({ evaluation: session.evaluation, steps: session.answers.map((a: any) => a.processing) }));
      for (const answer of session.answers) {
        assert.equal(answer.processing.media.status, 'done', `${answer.questionId} media`);
        assert.equal(answer.processing.transcription.status, 'done', `${answer.questionId} transcription`);
        assert.ok(answer.transcript?.text, `${answer.questionId} transcript`);
      }
      assert.equal(fake.transcriptions.length, 2, 'each answer transcribed once');
      // q1 is the answer whose processing was lost: it was scored, not silently left out.
      assert.deepEqual(session.evaluation.scores.map((s: any) => [s.questionId, s.competencyId]), [['q1', 'customer_focus']]);
      assert.ok(fake.chats.at(-1)!.raw.includes('q1'), 'the scoring request had the recovered answer');

      // Every lost delivery reached the ATS once, except the one without attempts left: failed, for a person to replay.
      const expected = deliveries.slice(0, -1).map((d) => d.event_id).sort();
      for (const until = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 250))) {
        if (expected.every((id) => receiver.received.some((r) => r.headers['webhook-id'] === id)) || Date.now() > until) break;
      }
      const got = receiver.received.map((r) => String(r.headers['webhook-id']));
      for (const id of expected) assert.equal(got.filter((g) => g === id).length, 1, `event ${id} delivered once`);
      assert.ok(!got.includes(exhausted.event_id), 'the exhausted delivery is not sent again');
      const failed = (await api(second.endpoint, 'GET', `/v1/webhooks/deliveries?sessionId=${sessionId}&status=failed`)).json.deliveries;
      assert.deepEqual(failed.map((d: any) => [d.id, /last one by a worker that died/.test(d.lastError)]), [[exhausted.id, true]]);
    } finally {
      await second.close();
    }
  });
});
