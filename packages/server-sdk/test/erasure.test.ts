import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { FakeOpenAI } from './helpers/fake-openai.js';
import { type Candidate, byteScan, filesUnder, runSession, settled, RIGHTS_SETUPS, type RightsServer, startRightsServer } from './helpers/rights-fixtures.js';
import type { TestS3 } from './helpers/s3rver.js';
import { type TestServer, api } from './helpers/server.js';
import { TEST_DATABASE_URL, testDatabases } from './helpers/databases.js';

type Db = { query: (sql: string, params?: unknown[]) => Promise<{ rows: any[] }> };
const dbOf = (server: TestServer) => (server.candid.rights as unknown as { audit: { db: Db } }).audit.db;

const unique = (label: string) => `${label}-${randomBytes(6).toString('hex')}`;
const newCandidate = (): Candidate => ({ externalId: unique('ats'), name: `Ottilie ${unique('Quernstone')}`, email: `${unique('ottilie')}@example.org` });

const setups = RIGHTS_SETUPS(testDatabases);

for (const { database, storage } of setups) describe(`erasure [${database.name}, ${storage}]`, () => {
  let recordings: { video: Buffer; audio: Buffer };
  let fake: FakeOpenAI;
  let s3: TestS3 | undefined;
  let server: TestServer;
  let rights: RightsServer;
  let postgresDataDir: string | null = null;

  before(async () => {
    rights = await startRightsServer(database, storage);
    ({ server, fake, s3, recordings } = rights);
    if (database.name === 'postgres') {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      postgresDataDir = (await client.query('show data_directory')).rows[0].data_directory;
      await client.end();
    }
  });
  after(() => rights.close());

  /** Flushes the database to its files, so the scan sees what a disk or a backup would hold. */
  async function checkpoint() {
    if (database.name === 'pglite') await dbOf(server).query('checkpoint');
    else {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query('checkpoint');
      await client.end();
    }
  }
  const scanDirs = () => [server.dataDir, ...(s3 ? [s3.directory] : []), ...(postgresDataDir ? [postgresDataDir] : [])];

  it("deletes every stored byte of the candidate, keeps the consent record, and itemises it in a receipt", async () => {
    const candidate = newCandidate();
    const spoken = `Zanzibar ${unique('marmalade')} is how I calmed the customer down.`;
    fake.transcriptTexts = [spoken];
    const target = await runSession(server, recordings, candidate, { leftover: true });
    const before = await settled(server, target.sessionId);
    assert.equal(before.evaluation.status, 'scored', before.evaluation.detail);
    assert.ok(before.answers.every((a: any) => a.renditions.length === 4), 'renditions exist before erasure');
    // Another candidate's data must survive.
    fake.transcriptTexts = ['The other candidate speaks here.'];
    const other = await runSession(server, recordings, newCandidate(), { complete: false, aiEvaluation: false });

    const mediaNeedles = {
      videoBytes: recordings.video.subarray(recordings.video.length / 2, recordings.video.length / 2 + 64),
      audioBytes: recordings.audio.subarray(recordings.audio.length / 2, recordings.audio.length / 2 + 64),
    };
    const storageDirs = [s3 ? s3.directory : `${server.dataDir}/media`];
    const ownFiles = async () => {
      const names: string[] = [];
      for (const dir of storageDirs) for await (const file of filesUnder(dir)) names.push(file);
      const ids = [...before.answers.flatMap((a: any) => [a.id, ...a.media.map((m: any) => m.uploadId)]), target.leftover!];
      return names.filter((file) => ids.some((id) => file.includes(id)));
    };
    // Positive controls: the session's objects are there (an upload, its sidecar, renditions), and
    // on S3 (no encryption by Candid) the scan finds the plaintext bytes.
    assert.ok((await ownFiles()).length >= 9, 'stored objects of the session exist before erasure');
    if (s3) {
      const present = await byteScan(storageDirs, mediaNeedles);
      assert.ok(present.videoBytes!.length > 0 && present.audioBytes!.length > 0, 'the scan finds the media before erasure');
    }

    const res = await fetch(`${server.endpoint}/v1/sessions/${target.sessionId}?reason=${encodeURIComponent('candidate request')}`, { method: 'DELETE', headers: { authorization: 'Bearer test-api-key-0123456789-abcdefghijklmnop' } });
    assert.equal(res.status, 200);
    const { receipt } = await res.json();

    // The receipt lists each deletion, by system.
    const kind = `storage:${storage}`;
    const uploadIds = before.answers.flatMap((a: any) => a.media.map((m: any) => m.uploadId)).concat(target.leftover);
    assert.equal(uploadIds.length, 5);
    for (const id of uploadIds) assert.ok(receipt.items.some((i: any) => i.system === kind && i.what.includes(id) && i.result === 'deleted'), `upload ${id} in the receipt`);
    for (const a of before.answers) for (const k of ['fmp4', 'hls', 'mp4', 'webm']) assert.ok(receipt.items.some((i: any) => i.system === kind && i.what === `rendition ${a.id}.${k}`), `rendition ${a.id}.${k}`);
    const count = (what: string) => receipt.items.find((i: any) => i.what.startsWith(what))?.count;
    assert.equal(count('transcripts'), 2);
    assert.equal(count('competency scores'), 1);
    assert.equal(count('evaluation'), 1);
    assert.equal(count('answers'), 2);
    assert.equal(count('upload records'), 5);
    assert.ok(count('event bodies') >= 3, 'webhook bodies redacted');
    // Free text is not kept on the receipt (it outlives the data key): a code and a keyed digest.
    assert.equal(receipt.reason, 'other');
    assert.match(receipt.reasonDigest, /^hmac-sha256:secret-v1:[0-9a-f]{64}$/);
    assert.ok(server.candid.rights.erasure.reasonMatches(receipt, 'candidate request'));
    assert.match(receipt.actor.id, /^key_[0-9a-f]{12}$/);
    assert.ok(receipt.kept.some((k: string) => k.startsWith('consent records')));

    // Tokens die at once; the consent record stays; nothing else.
    const widget = await api(server.endpoint, 'GET', '/v1/session', undefined, target.token);
    assert.equal(widget.status, 401);
    assert.equal(widget.json.error.code, 'SESSION_ERASED');
    const after = (await api(server.endpoint, 'GET', `/v1/sessions/${target.sessionId}`)).json;
    assert.equal(after.status, 'erased');
    assert.deepEqual(after.candidate, { externalId: candidate.externalId, name: null, email: null });
    assert.deepEqual([after.answers.length, after.requests.length, after.reviews.length, after.evaluation], [0, 0, 0, null]);
    assert.equal(after.consents.length, 1);
    assert.equal((await api(server.endpoint, 'DELETE', `/v1/sessions/${target.sessionId}`)).json.receipt.id, receipt.id, 'repeating returns the same receipt');

    // No queued job or webhook body mentions the session any more.
    const jobs = await dbOf(server).query(
      `select count(*)::int as n from ${server.candid.options.databaseSchema}_jobs.job where data->>'sessionId' = $1 or data->>'answerId' = any($2::text[])`,
      [target.sessionId, before.answers.map((a: any) => a.id)],
    );
    assert.equal(jobs.rows[0].n, 0);
    const erased = await server.candid.webhooks.listDeliveries({ sessionId: target.sessionId, eventType: 'session.erased' });
    assert.equal(erased.deliveries.length, 1);
    assert.equal(erased.deliveries[0]!.payload.data.receiptId, receipt.id);
    const scored = await server.candid.webhooks.listDeliveries({ sessionId: target.sessionId, eventType: 'session.scored' });
    assert.deepEqual(scored.deliveries[0]!.payload.data, { sessionId: target.sessionId, redacted: true });

    // The byte scan: data directory (media + embedded database), S3 bucket, PostgreSQL's files.
    await checkpoint();
    const found = await byteScan(scanDirs(), {
      ...mediaNeedles,
      transcript: Buffer.from(spoken.split(' ')[1]!, 'utf8'),
      name: Buffer.from(candidate.name, 'utf8'),
      email: Buffer.from(candidate.email, 'utf8'),
      // Kept on purpose (the consent record's pseudonymous reference): proves the scan reads the database's files.
      externalId: Buffer.from(candidate.externalId, 'utf8'),
    });
    assert.ok(found.externalId!.some((f) => !f.startsWith(s3?.directory ?? '\0')), 'positive control: the scan sees database rows');
    // Media bytes are shared with the other (unerased) candidate's recording: only its files may hold them.
    const otherUploads = (await api(server.endpoint, 'GET', `/v1/sessions/${other.sessionId}`)).json.answers.flatMap((a: any) => [a.id, ...a.media.map((m: any) => m.uploadId)]);
    const notOthers = (files: string[]) => files.filter((f) => !otherUploads.some((id: string) => f.includes(id)));
    assert.deepEqual(notOthers(found.videoBytes!), [], 'no video bytes of the erased session');
    assert.deepEqual(notOthers(found.audioBytes!), [], 'no audio bytes of the erased session');
    assert.deepEqual(found.transcript, [], 'no transcript text');
    assert.deepEqual(found.name, [], 'no name');
    assert.deepEqual(found.email, [], 'no e-mail');
    assert.deepEqual(await ownFiles(), [], 'no object named after the session, its answers or uploads');
    const otherFiles: string[] = [];
    for (const dir of storageDirs) for await (const file of filesUnder(dir)) if (otherUploads.some((id: string) => file.includes(id))) otherFiles.push(file);
    assert.ok(otherFiles.length >= 4, "the other candidate's media is untouched");
  });

  it('refuses erasure under a legal hold, which needs a recorded reason', async () => {
    fake.transcriptTexts = ['held'];
    const { sessionId } = await runSession(server, recordings, newCandidate(), { complete: false, aiEvaluation: false });
    const noReason = await api(server.endpoint, 'POST', `/v1/sessions/${sessionId}/legal-hold`, {});
    assert.equal(noReason.status, 400);
    assert.equal(noReason.json.error.issues[0].path, 'reason');
    const hold = await api(server.endpoint, 'POST', `/v1/sessions/${sessionId}/legal-hold`, { reason: 'EEOC charge 123-2026' });
    assert.equal(hold.status, 200);
    assert.equal(hold.json.legalHold.reason, 'EEOC charge 123-2026');
    const refused = await api(server.endpoint, 'DELETE', `/v1/sessions/${sessionId}`);
    assert.equal(refused.status, 409);
    assert.equal(refused.json.error.code, 'LEGAL_HOLD_ACTIVE');
    const still = (await api(server.endpoint, 'GET', `/v1/sessions/${sessionId}`)).json;
    assert.equal(still.answers.length, 2, 'nothing was deleted');
    assert.equal((await api(server.endpoint, 'POST', `/v1/sessions/${sessionId}/legal-hold/release`, { reason: 'charge closed' })).status, 200);
    assert.equal((await api(server.endpoint, 'DELETE', `/v1/sessions/${sessionId}`)).status, 200);
    const audit = (await server.candid.rights.audit.forSession(sessionId)).map((r) => r.action);
    assert.deepEqual(audit.filter((a) => ['legal_hold', 'legal_hold_released', 'erase'].includes(a)), ['legal_hold', 'legal_hold_released', 'erase']);
  });

  it('gives one receipt when two erasures of a session race', async () => {
    const { sessionId } = await runSession(server, recordings, newCandidate(), { complete: false, aiEvaluation: false });
    const [a, b] = await Promise.all([api(server.endpoint, 'DELETE', `/v1/sessions/${sessionId}`), api(server.endpoint, 'DELETE', `/v1/sessions/${sessionId}`)]);
    assert.deepEqual([a.status, b.status], [200, 200]);
    assert.equal(a.json.receipt.id, b.json.receipt.id);
    assert.equal((await api(server.endpoint, 'GET', `/v1/sessions/${sessionId}/receipts`)).json.receipts.length, 1);
    assert.equal((await server.candid.webhooks.listDeliveries({ sessionId, eventType: 'session.erased' })).deliveries.length, 1);
  });

  // PostgreSQL only: it needs a second connection (PGlite has one).
  if (database.name === 'postgres') it('waits for a pipeline write in flight on its answers, then deletes it too (no 500, no row left)', async () => {
    const { sessionId } = await runSession(server, recordings, newCandidate(), { complete: false, aiEvaluation: false });
    const db = dbOf(server);
    const schema = (await db.query('select current_schema() as name')).rows[0].name as string;
    const answerId = (await db.query('select id from answers where session_id = $1 order by id limit 1', [sessionId])).rows[0].id as string;
    // A pipeline step storing a rendition, caught between its insert and its commit.
    const step = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await step.connect();
    try {
      await step.query(`set search_path to ${schema}`);
      await step.query('begin');
      await step.query(
        `insert into renditions (answer_id, kind, storage_key, mime_type, size_bytes, duration_ms) values ($1, 'webm', 'late', 'video/webm', 1, 1)
         on conflict (answer_id, kind) do update set storage_key = 'late'`,
        [answerId],
      );
      const erasure = api(server.endpoint, 'DELETE', `/v1/sessions/${sessionId}`);
      // The erasure now waits on the step's lock (on the answer, whichever statement reaches it).
      for (let waited = 0; ; waited += 50) {
        const { rows } = await step.query(`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database() and pid <> pg_backend_pid()`);
        if (rows[0].n > 0) break;
        if (waited > 30_000) throw new Error('the erasure never waited for the pipeline step');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await step.query('commit');
      const erased = await erasure;
      assert.equal(erased.status, 200, JSON.stringify(erased.json));
      assert.equal((await db.query('select count(*)::int as n from renditions where answer_id = $1', [answerId])).rows[0].n, 0);
    } finally {
      await step.end();
    }
  });

  it("erases every session of a candidate by the ATS's external id, and checks its input", async () => {
    const candidate = newCandidate();
    const first = await runSession(server, recordings, candidate, { complete: false, aiEvaluation: false });
    const second = await runSession(server, recordings, candidate, { complete: false, aiEvaluation: false });
    const bad = await api(server.endpoint, 'POST', '/v1/erasures', { candidateExternalId: candidate.externalId, interviewId: first.interviewId });
    assert.equal(bad.status, 400);
    const res = await api(server.endpoint, 'POST', '/v1/erasures', { candidateExternalId: candidate.externalId, reason: 'GDPR Art. 17 request' });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json.receipts.map((r: any) => r.sessionId).sort(), [first.sessionId, second.sessionId].sort());
    for (const id of [first.sessionId, second.sessionId]) assert.equal((await api(server.endpoint, 'GET', `/v1/sessions/${id}`)).json.status, 'erased');
    const byInterview = await api(server.endpoint, 'POST', '/v1/erasures', { interviewId: first.interviewId });
    assert.equal(byInterview.status, 200);
    assert.equal(byInterview.json.receipts[0].id, res.json.receipts.find((r: any) => r.sessionId === first.sessionId).id, 'already erased: the same receipt');
    assert.equal((await api(server.endpoint, 'DELETE', `/v1/sessions/${first.sessionId}`, undefined, null)).status, 401);
  });
});
