import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, open, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { createCandid } from '../src/candid.js';
import { parseMasterKeys } from '../src/crypto/master-keys.js';
import { MAGIC, RECORD_PLAINTEXT } from '../src/crypto/media-format.js';
import { CandidError } from '../src/errors.js';
import { LocalDiskStorage } from '../src/storage/local-disk-storage.js';
import { appendEncrypted, encryptedSize, readEncrypted, repairTail } from '../src/storage/encrypted-file.js';
import { type TestDatabase, testDatabases } from './helpers/databases.js';
import { API_KEY, type TestServer, api, consentedSession, startTestServer } from './helpers/server.js';
import { type StorageUnderTest, shouldBehaveLikeMediaStorage } from './helpers/storage-conformance.js';
import { startS3rver } from './helpers/s3rver.js';
import { type FakeOpenAI, startFakeOpenAI } from './helpers/fake-openai.js';
import { EBML, makeRecordings } from './helpers/media-fixtures.js';
import { createUpload, headUpload, patchUpload } from './helpers/tus.js';
import { newId } from '../src/ids.js';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const video = { questionId: 'q1', attempt: '1', track: 'video', mimeType: 'video/webm;codecs=vp8,opus' };

/** A webm-looking payload of low-entropy text, so any plaintext that reached the disk would be found. */
function recording(size: number): Buffer {
  const lines: Buffer[] = [EBML];
  for (let i = 0, total = 4; total < size; i++) {
    const line = Buffer.from(`frame ${i} of the candidate's answer about distributed systems; `);
    lines.push(line);
    total += line.length;
  }
  return Buffer.concat(lines).subarray(0, size);
}

/** Any 64-byte window of `plain` in `stored` contains an aligned 32-byte window of it: look for those. */
function sharedWindow(plain: Buffer, stored: Buffer): number | null {
  for (let k = 0; k + 32 <= plain.length; k += 32) if (stored.includes(plain.subarray(k, k + 32))) return k;
  return null;
}

type Db = { query: (sql: string, params?: unknown[]) => Promise<{ rows: any[] }> };
/** The instance's own database handle (PGlite allows no second connection). */
const dbOf = (server: TestServer) => (server.candid.dataKeys as unknown as { db: Db }).db;

async function download(server: TestServer, sessionId: string, answerId: string, range?: string) {
  const res = await fetch(`${server.endpoint}/v1/sessions/${sessionId}/media/${answerId}`, { headers: { authorization: `Bearer ${API_KEY}`, ...(range ? { range } : {}) } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

/** Uploads `data` in uneven PATCHes (so records are split and rewritten) and commits q1. */
async function uploadAnswer(server: TestServer, token: string, data: Buffer, cuts = [70_001, 120_000]) {
  const upload = await createUpload(server.endpoint, token, video);
  assert.equal(upload.status, 201, upload.body);
  const uploadId = upload.url!.slice(upload.url!.lastIndexOf('/') + 1);
  let offset = 0;
  for (const cut of [...cuts.filter((c) => c < data.length), data.length]) {
    const last = cut === data.length;
    const res = await patchUpload(upload.url!, token, offset, data.subarray(offset, cut), last ? { length: data.length } : {});
    assert.equal(res.status, 204, res.body);
    assert.equal(res.offset, cut, 'tus offsets count plaintext bytes');
    offset = cut;
    if (!last) assert.equal((await headUpload(upload.url!, token)).offset, cut);
  }
  const commit = await api(server.endpoint, 'POST', '/v1/session/answers/q1', { attempt: 1, durationMs: 3000 }, token);
  assert.equal(commit.status, 200, JSON.stringify(commit.json));
  return { uploadId, answerId: commit.json.answer.id as string, media: commit.json.answer.media[0] };
}

async function sessionWith(server: TestServer, candidate: { name: string; email: string }) {
  const { sessionId, token } = await consentedSession(server);
  const { interviewId } = (await api(server.endpoint, 'GET', `/v1/sessions/${sessionId}`)).json;
  // consentedSession makes an anonymous session; this one carries a name and an e-mail address.
  const created = await api(server.endpoint, 'POST', '/v1/sessions', { interviewId, candidate: { externalId: `c-${randomBytes(3).toString('hex')}`, ...candidate } });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  const consent = await api(server.endpoint, 'POST', '/v1/session/consent', { noticeVersion: null, choices: { recording: true, aiEvaluation: false, productImprovement: false }, ageConfirmed: true }, created.json.token);
  assert.equal(consent.status, 201);
  void sessionId;
  void token;
  return { sessionId: created.json.sessionId as string, token: created.json.token as string };
}

// ---- the storage contract holds with encryption on -------------------------------------------

const testKey = randomBytes(32);
shouldBehaveLikeMediaStorage('LocalDiskStorage, encrypted', async (): Promise<StorageUnderTest> => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'candid-enc-disk-'));
  const directory = path.join(root, 'media');
  const keys = { forUpload: async () => ({ ref: 'test', key: testKey }), forDerived: async () => ({ ref: 'test', key: testKey }), key: async () => testKey };
  const storage = await LocalDiskStorage.open(directory, keys);
  return {
    storage,
    directory,
    leftovers: async (id) => (await readdir(directory)).filter((name) => name.includes(id)),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
});

describe('encrypted disk storage and files from before encryption', () => {
  it('cuts a last record torn by a crash back to the last whole record, and appends cleanly after it', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'candid-enc-torn-'));
    try {
      const file = path.join(root, 'upload');
      await writeFile(file, '');
      const data = recording(2 * RECORD_PLAINTEXT + 1234);
      const source = async () => ({ ref: 'test', key: testKey });
      const keyOf = async () => testKey;
      const readAll = async () => Buffer.concat(await (await readEncrypted(file, keyOf)).toArray());
      assert.equal(await appendEncrypted(file, Readable.from([data.subarray(0, 100_000)]), source, keyOf), 100_000);
      assert.equal(await encryptedSize(file), 100_000);

      // A crash while rewriting the short last record: its bytes are a mix (authentication fails).
      const handle = await open(file, 'r+');
      await handle.write(Buffer.from('garbage!'), 0, 8, (await stat(file)).size - 40);
      await handle.close();
      await repairTail(file, keyOf);
      assert.equal(await encryptedSize(file), RECORD_PLAINTEXT, 'falls back to the last whole record');
      assert.ok((await readAll()).equals(data.subarray(0, RECORD_PLAINTEXT)));

      // A torn write that left a record short: not counted, then cut.
      await appendEncrypted(file, Readable.from([data.subarray(RECORD_PLAINTEXT, 2 * RECORD_PLAINTEXT + 10)]), source, keyOf);
      await truncate(file, (await stat(file)).size - 5);
      assert.equal(await encryptedSize(file), 2 * RECORD_PLAINTEXT, 'a short last record is not counted');
      await repairTail(file, keyOf);
      assert.equal(await encryptedSize(file), 2 * RECORD_PLAINTEXT);
      await appendEncrypted(file, Readable.from([data.subarray(2 * RECORD_PLAINTEXT)]), source, keyOf);
      assert.ok((await readAll()).equals(data), 'resumed from the whole records: every byte reads back');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('still serves a plain file written before encryption was turned on, and refuses a wrong key with DATA_INTEGRITY', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'candid-enc-legacy-'));
    try {
      const keys = { forUpload: async () => ({ ref: 'test', key: testKey }), forDerived: async () => ({ ref: 'test', key: testKey }), key: async () => testKey };
      const storage = await LocalDiskStorage.open(root, keys);
      const legacy = newId('upl');
      const plain = recording(5000);
      await writeFile(path.join(root, legacy), plain);
      const chunks: Buffer[] = [];
      for await (const c of await storage.read(legacy, { start: 10, end: 4999 })) chunks.push(c as Buffer);
      assert.ok(Buffer.concat(chunks).equals(plain.subarray(10)));

      // An encrypted derived file read with another key: a typed integrity error, never garbage.
      const source = path.join(root, 'source.bin');
      await writeFile(source, plain);
      const name = `${newId('ans')}.mp4`;
      assert.equal((await storage.putDerived(name, source, 'video/mp4')).sizeBytes, plain.length);
      const wrong = await LocalDiskStorage.open(root, { ...keys, key: async () => randomBytes(32) });
      await assert.rejects(
        (async () => {
          for await (const _ of await wrong.readDerived(name)) void _;
        })(),
        (e: unknown) => e instanceof CandidError && e.code === 'DATA_INTEGRITY',
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

// ---- through the API, on each database ------------------------------------------------------

for (const database of testDatabases) describe(`encryption at rest [${database.name}]`, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({}, database);
  });
  after(() => server.close());

  it('stores upload files encrypted (no EBML header, no 64-byte plaintext window) and serves the original bytes and ranges', async () => {
    const { sessionId, token } = await consentedSession(server);
    const data = recording(3 * RECORD_PLAINTEXT + 12_345);
    const { uploadId, answerId, media } = await uploadAnswer(server, token, data);
    assert.equal(media.sizeBytes, data.length);
    assert.equal(media.sha256, sha256(data), 'the commit hashes the decrypted bytes');

    const stored = await readFile(path.join(server.dataDir, 'media', uploadId));
    assert.ok(stored.subarray(0, 4).equals(MAGIC), 'the file starts with the encrypted format header');
    assert.equal(stored.indexOf(EBML), -1, 'no EBML magic anywhere in the stored file');
    assert.equal(sharedWindow(data, stored), null, 'no plaintext window in the stored file');
    const sidecar = await readFile(path.join(server.dataDir, 'media', `${uploadId}.json`), 'utf8');
    assert.doesNotMatch(sidecar, /candidate's answer/);

    const full = await download(server, sessionId, answerId);
    assert.equal(full.status, 200);
    assert.ok(full.body.equals(data), 'download decrypts to the original bytes');
    // Ranges inside one record, across a record boundary, and the tail.
    for (const [start, end] of [
      [0, 3],
      [RECORD_PLAINTEXT - 10, RECORD_PLAINTEXT + 10],
      [100, 2 * RECORD_PLAINTEXT + 5],
      [data.length - 7, data.length - 1],
    ] as const) {
      const part = await download(server, sessionId, answerId, `bytes=${start}-${end}`);
      assert.equal(part.status, 206);
      assert.equal(part.headers.get('content-range'), `bytes ${start}-${end}/${data.length}`);
      assert.ok(part.body.equals(data.subarray(start, end + 1)), `range ${start}-${end}`);
    }
    assert.equal((await download(server, sessionId, answerId, 'bytes=0-3')).body.toString('hex'), '1a45dfa3');
  });

  it('stores candidate name, e-mail and request messages sealed; the API returns them in clear', async () => {
    const name = `Ada Lovelace ${randomBytes(4).toString('hex')}`;
    const email = `ada.${randomBytes(4).toString('hex')}@example.org`;
    const { sessionId, token } = await sessionWith(server, { name, email });
    const message = `I need captions, my name is ${name}`;
    const request = await api(server.endpoint, 'POST', '/v1/session/requests', { type: 'accommodation', message }, token);
    assert.equal(request.status, 201, JSON.stringify(request.json));
    assert.equal(request.json.request.message, message);

    const raw = (await dbOf(server).query('select candidate_name, candidate_email, candidate_external_id from sessions where id = $1', [sessionId])).rows[0];
    assert.match(raw.candidate_name, /^cdk1:/);
    assert.match(raw.candidate_email, /^cdk1:/);
    assert.ok(!JSON.stringify(raw).includes('Lovelace') && !JSON.stringify(raw).includes('example.org'), 'no plaintext name or e-mail in the row');
    assert.match(raw.candidate_external_id, /^c-/, 'the external id stays in clear (erasure finds sessions by it)');
    const rawRequest = (await dbOf(server).query('select message from candidate_requests where session_id = $1', [sessionId])).rows[0];
    assert.ok(!rawRequest.message.includes('captions'));
    const events = (await dbOf(server).query(`select payload::text as payload from webhook_events where session_id = $1 and type = 'request.created'`, [sessionId])).rows;
    assert.equal(events.length, 1);
    assert.ok(!events[0].payload.includes('captions'), 'the webhook body is stored sealed');
    const deliveries = await api(server.endpoint, 'GET', `/v1/webhooks/deliveries?sessionId=${sessionId}&eventType=request.created`);
    assert.equal(deliveries.json.deliveries[0].payload.data.message, message, 'listed deliveries show the opened body');

    const session = await api(server.endpoint, 'GET', `/v1/sessions/${sessionId}`);
    assert.deepEqual({ name: session.json.candidate.name, email: session.json.candidate.email }, { name, email });
    assert.equal(session.json.requests[0].message, message);
  });

  it('destroying a session key makes its sealed fields and media unreadable, with typed errors and no crash', async () => {
    const { sessionId, token } = await sessionWith(server, { name: 'Grace Hopper', email: 'grace@example.org' });
    const data = recording(RECORD_PLAINTEXT + 999);
    const { answerId } = await uploadAnswer(server, token, data, [1000]);
    const sealed = await server.candid.dataKeys.seal(sessionId, 'secret words');
    assert.equal((await server.candid.dataKeys.open(sessionId, sealed)).toString(), 'secret words');

    await server.candid.dataKeys.destroy(sessionId);

    await assert.rejects(server.candid.dataKeys.open(sessionId, sealed), (e: unknown) => e instanceof CandidError && e.code === 'DATA_KEY_DESTROYED');
    // No silent new key for an erased session.
    await assert.rejects(server.candid.dataKeys.seal(sessionId, 'again'), (e: unknown) => e instanceof CandidError && e.code === 'DATA_KEY_DESTROYED');
    const media = await download(server, sessionId, answerId);
    assert.equal(media.status, 410);
    assert.equal(JSON.parse(media.body.toString()).error.code, 'DATA_KEY_DESTROYED');
    const session = await api(server.endpoint, 'GET', `/v1/sessions/${sessionId}`);
    assert.equal(session.status, 200);
    assert.equal(session.json.candidate.name, null);
    assert.equal(session.json.candidate.email, null);
    const row = (await dbOf(server).query('select kid, wrapped, destroyed_at from session_keys where session_id = $1', [sessionId])).rows[0];
    assert.deepEqual([row.kid, row.wrapped], [null, null]);
    assert.ok(row.destroyed_at);
    // Other sessions are unaffected.
    const other = await consentedSession(server);
    const otherAnswer = await uploadAnswer(server, other.token, data, [5000]);
    assert.ok((await download(server, other.sessionId, otherAnswer.answerId)).body.equals(data));
  });
});

// ---- everything the pipeline stores is ciphertext ---------------------------------------------

/** Every file under `dir` (PGlite's data files and WAL included). */
async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath ?? (e as any).path, e.name));
}

describe('pipeline output at rest (real ffmpeg, local OpenAI-compatible server)', () => {
  let fake: FakeOpenAI;
  let server: TestServer;
  before(async () => {
    fake = await startFakeOpenAI();
    server = await startTestServer({
      openai: { apiKey: 'sk-test', baseURL: fake.baseURL, transcriptionModel: 'whisper-test', scoringModel: 'scorer-test' },
      jobs: { pollingSeconds: 0.5, maintenanceSeconds: 1, retryDelaySeconds: 1 },
    });
  });
  after(async () => {
    await server.close();
    await fake.close();
  });

  it('seals transcripts, scores, evidence and the scored webhook, and encrypts renditions; the API reads them in clear', async () => {
    const { video, audio } = await makeRecordings();
    const interview = await api(server.endpoint, 'POST', '/v1/interviews', {
      title: 'Support',
      questions: [{ id: 'q1', prompt: 'Tell us about a customer.', answerSeconds: 60, competencies: [{ id: 'customer_focus', description: 'Puts the customer first.' }] }],
    });
    const candidate = { externalId: 'ats-enc-1', name: 'Zelda Quartermain', email: 'zelda.quartermain@example.com' };
    const session = await api(server.endpoint, 'POST', '/v1/sessions', { interviewId: interview.json.id, candidate });
    const { sessionId, token } = session.json;
    assert.equal((await api(server.endpoint, 'POST', '/v1/session/consent', { noticeVersion: null, choices: { recording: true, aiEvaluation: true }, ageConfirmed: true }, token)).status, 201);
    for (const [track, bytes, mimeType] of [['video', video, 'video/webm;codecs=vp8,opus'], ['audio', audio, 'audio/webm;codecs=opus']] as const) {
      const upload = await createUpload(server.endpoint, token, { questionId: 'q1', attempt: '1', track, mimeType });
      assert.equal((await patchUpload(upload.url!, token, 0, bytes, { length: bytes.length })).status, 204);
    }
    assert.equal((await api(server.endpoint, 'POST', '/v1/session/answers/q1', { attempt: 1, durationMs: 2000, speechSegments: [{ startMs: 400, endMs: 1900 }] }, token)).status, 200);
    assert.equal((await api(server.endpoint, 'POST', '/v1/session/complete', {}, token)).status, 200);
    let s: any;
    for (const deadline = Date.now() + 60_000; ; await new Promise((r) => setTimeout(r, 250))) {
      s = (await api(server.endpoint, 'GET', `/v1/sessions/${sessionId}`)).json;
      if (s.evaluation && s.evaluation.status !== 'pending' && s.answers[0].renditions.length === 4) break;
      assert.ok(Date.now() < deadline, `pipeline did not settle: ${JSON.stringify(s.evaluation)}`);
    }
    assert.equal(s.evaluation.status, 'scored', s.evaluation.detail);
    assert.match(s.answers[0].transcript.text, /refunded the order/);
    assert.deepEqual(s.evaluation.scores[0].evidence, ['I calmed the customer down,']);
    assert.equal(s.candidate.name, candidate.name);
    const mp4 = await fetch(`${server.endpoint}/v1/sessions/${sessionId}/media/${s.answers[0].id}?rendition=mp4`, { headers: { authorization: `Bearer ${API_KEY}`, range: 'bytes=0-15' } });
    assert.equal(Buffer.from(await mp4.arrayBuffer()).subarray(4, 8).toString(), 'ftyp');

    // Byte scan of the data directory: the embedded database's files and WAL, and the media.
    const needles = ['refunded the order', 'calmed the customer', 'Zelda Quartermain', 'zelda.quartermain@example.com', 'concrete examples'].map((n) => Buffer.from(n));
    const mediaWindows = [video, audio].flatMap((m) => [m.subarray(200, 264), m.subarray(m.length - 100, m.length - 36)]);
    const found: string[] = [];
    for (const file of await allFiles(server.dataDir)) {
      const bytes = await readFile(file);
      for (const needle of [...needles, ...mediaWindows]) if (bytes.includes(needle)) found.push(`${path.relative(server.dataDir, file)}: ${needle.toString('hex').slice(0, 16)}`);
      if (file.includes(`${path.sep}media${path.sep}`) && !file.endsWith('.json')) assert.ok(bytes.subarray(0, 4).equals(MAGIC), `${file} is encrypted`);
    }
    assert.deepEqual(found, [], 'no plaintext content anywhere in the data directory');
    assert.ok((await readdir(path.join(server.dataDir, 'media', 'derived'))).length >= 4, 'renditions (mp4, webm, HLS playlist and fmp4) were stored (and scanned)');
  });
});

// ---- rotation -------------------------------------------------------------------------------

function runCli(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const keyEntry = (id: string, key: Buffer) => ({ id, key: key.toString('base64') });

for (const database of testDatabases) describe(`master key rotation [${database.name}]`, () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);
  const secret = randomBytes(32).toString('hex');
  let dataDir: string;
  let dbOptions: { databaseUrl?: string; databaseSchema?: string };
  const start = (keys: Array<{ id: string; key: string }>) => startTestServer({ dataDir, secret, ...dbOptions, encryption: { keys } }, database as TestDatabase);
  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'candid-rotate-'));
    dbOptions = database.options();
  });
  after(async () => {
    await database.cleanup(dbOptions);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps old objects readable under a new current key, and "candid keys rotate" re-wraps every data key', async () => {
    const data = recording(2 * RECORD_PLAINTEXT + 77);
    let server = await start([keyEntry('k1', k1)]);
    const old = await sessionWith(server, { name: 'Old Candidate', email: 'old@example.org' });
    const oldAnswer = await uploadAnswer(server, old.token, data);
    await server.close();

    // k2 becomes current; k1 stays configured for reading.
    server = await start([keyEntry('k2', k2), keyEntry('k1', k1)]);
    assert.ok((await download(server, old.sessionId, oldAnswer.answerId)).body.equals(data), 'old media readable');
    assert.equal((await api(server.endpoint, 'GET', `/v1/sessions/${old.sessionId}`)).json.candidate.name, 'Old Candidate');
    const fresh = await sessionWith(server, { name: 'New Candidate', email: 'new@example.org' });
    const kids = async () => Object.fromEntries((await dbOf(server).query('select session_id, kid from session_keys')).rows.map((r) => [r.session_id, r.kid]));
    const before = await kids();
    assert.equal(before[old.sessionId], 'k1');
    assert.equal(before[fresh.sessionId], 'k2', 'new data keys are wrapped under the current key');
    await server.close();

    const env: Record<string, string> = {
      CANDID_DATA_DIR: dataDir,
      CANDID_SECRET: secret,
      CANDID_MASTER_KEYS: `k2:${k2.toString('base64')},k1:${k1.toString('base64')}`,
      ...(dbOptions.databaseUrl ? { DATABASE_URL: dbOptions.databaseUrl, CANDID_DB_SCHEMA: dbOptions.databaseSchema! } : {}),
    };
    const help = await runCli(['keys', '--help'], env);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: candid keys/);
    const rotated = await runCli(['keys', 'rotate'], env);
    assert.equal(rotated.code, 0, rotated.stderr);
    const result = JSON.parse(rotated.stdout);
    assert.equal(result.current, 'k2');
    assert.ok(result.rewrapped >= 1, rotated.stdout);
    assert.deepEqual(result.missingKids, []);

    // k1 retired: everything is still readable with k2 alone.
    server = await start([keyEntry('k2', k2)]);
    try {
      assert.ok(Object.values(await kids()).every((kid) => kid === 'k2' || kid === null), 'every live data key is under k2');
      assert.ok((await download(server, old.sessionId, oldAnswer.answerId)).body.equals(data), 'old media readable after rotation');
      assert.equal((await api(server.endpoint, 'GET', `/v1/sessions/${old.sessionId}`)).json.candidate.email, 'old@example.org');
    } finally {
      await server.close();
    }

    // Without the key that wraps the data: refused at start with a typed error, not 500s later.
    const k3Only = createCandid({ dataDir, secret, ...dbOptions, workers: false, encryption: { keys: [keyEntry('k3', randomBytes(32))] } }, { logger: pino({ level: 'silent' }) });
    await assert.rejects(k3Only.start(), (e: unknown) => e instanceof CandidError && e.code === 'ENCRYPTION_KEY_MISSING' && /"k2"/.test(e.message));
  });
});

describe('S3 server-side encryption', () => {
  it('asks for SSE-KMS with the configured key on every object-creating request, and none other', async () => {
    const s3 = await startS3rver({ buckets: ['media'] });
    const server = await startTestServer({
      s3: { bucket: s3.bucket, endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials, sse: 'aws:kms', kmsKeyId: 'alias/candid-media' },
    });
    try {
      const { sessionId, token } = await consentedSession(server);
      const data = recording(RECORD_PLAINTEXT + 5);
      const { answerId } = await uploadAnswer(server, token, data, [1000]);
      assert.ok((await download(server, sessionId, answerId)).body.equals(data));
      const creating = s3.requests.filter(
        (r) => (r.method === 'PUT' && r.query.partNumber === undefined && r.path !== `/${s3.bucket}`) || (r.method === 'POST' && 'uploads' in r.query),
      );
      assert.ok(creating.length >= 2, `object-creating requests seen: ${creating.length}`);
      for (const r of creating) {
        assert.equal(r.headers['x-amz-server-side-encryption'], 'aws:kms', `${r.method} ${r.path}`);
        assert.equal(r.headers['x-amz-server-side-encryption-aws-kms-key-id'], 'alias/candid-media', `${r.method} ${r.path}`);
      }
      // S3 refuses SSE headers on UploadPart and reads: they must not be sent there.
      for (const r of s3.requests.filter((r) => r.query.partNumber !== undefined || r.method === 'GET')) {
        assert.equal(r.headers['x-amz-server-side-encryption'], undefined, `${r.method} ${r.path}`);
      }
    } finally {
      await server.close();
      await s3.stop();
    }
  });
});

describe('master key configuration', () => {
  it('parses CANDID_MASTER_KEYS and refuses bad key material with CONFIG_INVALID', () => {
    const a = randomBytes(32).toString('base64');
    assert.deepEqual(parseMasterKeys(`a:${a}, b:${a}`).map((k) => k.id), ['a', 'b']);
    const invalid = (e: unknown) => e instanceof CandidError && e.code === 'CONFIG_INVALID';
    assert.throws(() => parseMasterKeys('a:c2hvcnQ='), invalid);
    assert.throws(() => parseMasterKeys(`${a}`), invalid);
    assert.throws(() => parseMasterKeys(`a:${a},a:${a}`), invalid);
    assert.throws(() => createCandid({ secret: 's'.repeat(40), encryption: { keys: [{ id: 'k', key: 'not base64!' }] } }), invalid);
    assert.throws(() => createCandid({ secret: 's'.repeat(40), encryption: { keys: [{ id: 'bad id', key: a }] } }), invalid);
  });
});
