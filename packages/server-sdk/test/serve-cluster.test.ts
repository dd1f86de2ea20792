import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { postgres, postgresSkipReason } from './helpers/databases.js';
import { type TestS3, startS3rver } from './helpers/s3rver.js';
import { type ServeProcess, startServeProcess } from './helpers/serve-process.js';
import { createUpload, headUpload, patchUpload } from './helpers/tus.js';

const API_KEY = 'cluster-api-key-0123456789-abcdefghijkl';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const webm = (size: number) => Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), randomBytes(size - 4)]);

async function call(endpoint: string, method: string, route: string, body?: unknown, auth = API_KEY) {
  const res = await fetch(`${endpoint}${route}`, {
    method,
    headers: { authorization: `Bearer ${auth}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as any };
}

describe('two `candid serve` processes on one PostgreSQL database and one S3 bucket', { skip: postgresSkipReason ?? false }, () => {
  let s3: TestS3;
  let first: ServeProcess;
  let second: ServeProcess;
  let dataDir: string;
  const dbOptions = postgres.options();

  before(async () => {
    s3 = await startS3rver({ buckets: ['candid-media'] });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'candid-cluster-'));
    const env = {
      ...s3.env,
      DATABASE_URL: dbOptions.databaseUrl!,
      CANDID_DB_SCHEMA: dbOptions.databaseSchema!,
      CANDID_SECRET: 'cluster-secret-shared-by-all-instances-0123',
      CANDID_API_KEYS: API_KEY,
      LOG_LEVEL: 'info',
    };
    // Started together: they race to migrate the fresh schema, and must agree.
    [first, second] = await Promise.all([
      startServeProcess({ ...env, CANDID_DATA_DIR: path.join(dataDir, 'one') }),
      startServeProcess({ ...env, CANDID_DATA_DIR: path.join(dataDir, 'two') }),
    ]);
  });

  after(async () => {
    await first?.stop();
    await second?.stop();
    await s3?.stop();
    await postgres.cleanup(dbOptions);
    await rm(dataDir, { recursive: true, force: true });
  });

  for (const [label, size, cutAt] of [
    ['a short answer (under the 5 MiB S3 part size)', 1_300_000, 600_000],
    ['a long answer (several S3 parts)', 12 * 1024 * 1024 + 77, 6 * 1024 * 1024 + 5],
  ] as const) {
    it(`${label}: started on one instance, finished on the other, byte-identical`, async () => {
      const interview = await call(first.endpoint, 'POST', '/v1/interviews', { title: 'Cluster', questions: [{ id: 'q1', prompt: 'Hello?', answerSeconds: 300 }] });
      const session = await call(second.endpoint, 'POST', '/v1/sessions', { interviewId: interview.json.id, candidate: { externalId: 'c-cluster' } });
      const token = session.json.token;
      const consent = await call(first.endpoint, 'POST', '/v1/session/consent', { noticeVersion: null, choices: { recording: true, aiEvaluation: false }, ageConfirmed: true }, token);
      assert.equal(consent.status, 201);

      const data = webm(size);
      const upload = await createUpload(first.endpoint, token, { questionId: 'q1', attempt: '1', track: 'video', mimeType: 'video/webm;codecs=vp8,opus' });
      assert.equal(upload.status, 201);
      const onFirst = upload.url!;
      const onSecond = onFirst.replace(first.endpoint, second.endpoint);
      for (let offset = 0; offset < cutAt; offset += 256 * 1024) {
        const res = await patchUpload(onFirst, token, offset, data.subarray(offset, Math.min(cutAt, offset + 256 * 1024)));
        assert.equal(res.status, 204, res.body);
      }
      const head = await headUpload(onSecond, token);
      assert.equal(head.offset, cutAt);
      const rest = await patchUpload(onSecond, token, cutAt, data.subarray(cutAt), { length: data.length });
      assert.equal(rest.status, 204, rest.body);

      const commit = await call(second.endpoint, 'POST', '/v1/session/answers/q1', { attempt: 1, durationMs: 5000 }, token);
      assert.equal(commit.status, 200, JSON.stringify(commit.json));
      assert.equal(commit.json.answer.media[0].sha256, sha256(data));

      const media = await fetch(`${first.endpoint}/v1/sessions/${session.json.sessionId}/media/${commit.json.answer.id}`, { headers: { authorization: `Bearer ${API_KEY}` } });
      assert.equal(media.status, 200);
      const stored = Buffer.from(await media.arrayBuffer());
      assert.equal(stored.length, data.length);
      assert.ok(stored.equals(data), 'the bytes read back through the other instance are the bytes sent');
    });
  }

  it('logs JSON lines with request ids and never the token', async () => {
    const logs = first.output() + second.output();
    const lines = logs.split('\n').filter((line) => line.startsWith('{'));
    assert.ok(lines.length > 10);
    const parsed = lines.map((line) => JSON.parse(line));
    assert.deepEqual(parsed.filter((entry) => entry.name !== 'candid'), []);
    assert.ok(parsed.some((entry) => typeof entry.reqId === 'string' && entry.status === 204));
    assert.doesNotMatch(logs, /eyJ[A-Za-z0-9_-]{10,}/, 'no JWT in the logs');
    assert.doesNotMatch(logs, new RegExp(API_KEY));
  });
});
