import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ListMultipartUploadsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Server } from '@tus/server';
import { newId } from '../src/ids.js';
import { LocalDiskStorage } from '../src/storage/local-disk-storage.js';
import { openMediaStorage } from '../src/storage/open-storage.js';
import { type S3StorageOptions, s3OptionsFromEnv } from '../src/storage/s3-config.js';
import { S3Storage } from '../src/storage/s3-storage.js';
import { type TestS3, startS3rver } from './helpers/s3rver.js';
import { type StorageUnderTest, shouldBehaveLikeMediaStorage } from './helpers/storage-conformance.js';

const KiB = 1024;
const MiB = 1024 * KiB;

async function diskStorage(): Promise<StorageUnderTest> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'candid-disk-'));
  const directory = path.join(root, 'media');
  const storage = await LocalDiskStorage.open(directory);
  return {
    storage,
    directory,
    leftovers: async (id) => (await readdir(directory)).filter((name) => name.includes(id)),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/** A plain client (no prefix mapping) to see what is really in the bucket. */
function inspector(s3: TestS3): S3Client {
  return new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { ...s3.credentials },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

const s3rverOptions = (s3: TestS3, extra: Partial<S3StorageOptions> = {}): S3StorageOptions => ({
  bucket: s3.bucket,
  endpoint: s3.endpoint,
  forcePathStyle: true,
  credentials: s3.credentials,
  ...extra,
});

function s3Storage(extra: Partial<S3StorageOptions> = {}) {
  return async (): Promise<StorageUnderTest> => {
    const s3 = await startS3rver({ buckets: ['media'] });
    const storage = await S3Storage.open(s3rverOptions(s3, extra));
    const client = inspector(s3);
    return {
      storage,
      backendRequests: () => s3.requests.length,
      async leftovers(id) {
        const objects = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
        const uploads = await client.send(new ListMultipartUploadsCommand({ Bucket: s3.bucket }));
        return [
          ...(objects.Contents ?? []).map((o) => o.Key!),
          ...(uploads.Uploads ?? []).map((u) => `multipart upload of ${u.Key}`),
        ].filter((name) => name.includes(id));
      },
      async cleanup() {
        storage.close();
        client.destroy();
        await s3.stop();
      },
    };
  };
}

shouldBehaveLikeMediaStorage('LocalDiskStorage', diskStorage);
shouldBehaveLikeMediaStorage('S3Storage on s3rver', s3Storage());
shouldBehaveLikeMediaStorage('S3Storage on s3rver with prefix "candid/" and SSE', s3Storage({ prefix: 'candid/', sse: 'AES256' }));

/** A bare tus server over `storage`, for tests that only need to push bytes in. */
async function tusOver(storage: S3Storage) {
  const tus = new Server({ path: '/files', datastore: storage.datastore, namingFunction: () => newId('upl') });
  const server = http.createServer((req, res) => void tus.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref(); // a failed assertion must not keep the test file alive
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    async upload(data: Buffer, chunk: number): Promise<string> {
      const created = await fetch(`${base}/files`, { method: 'POST', headers: { 'tus-resumable': '1.0.0', 'upload-defer-length': '1' } });
      const url = new URL(created.headers.get('location')!, base).href;
      for (let offset = 0; offset < data.length; offset += chunk) {
        const body = data.subarray(offset, offset + chunk);
        const last = offset + body.length === data.length;
        const res = await fetch(url, {
          method: 'PATCH',
          headers: { 'tus-resumable': '1.0.0', 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream', ...(last ? { 'upload-length': String(data.length) } : {}) },
          body,
        });
        assert.equal(res.status, 204);
      }
      return url.slice(url.lastIndexOf('/') + 1);
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('S3Storage specifics (s3rver)', () => {
  let s3: TestS3;
  before(async () => {
    s3 = await startS3rver({ buckets: ['media'] });
  });
  after(() => s3.stop());

  for (const [sse, kmsKeyId] of [
    ['AES256', undefined],
    ['aws:kms', 'alias/candid-media'],
  ] as const) {
    it(`sends SSE ${sse} on every object it creates, and only where S3 accepts it`, async () => {
      const storage = await S3Storage.open(s3rverOptions(s3, { sse, kmsKeyId }));
      const tus = await tusOver(storage);
      s3.requests.length = 0;
      // 6 MiB in 1 MiB PATCHes: .info puts, .part puts, a 5 MiB part, the final part and the completion.
      const id = await tus.upload(randomBytes(6 * MiB), MiB);
      await tus.close();
      storage.close();

      const mine = s3.requests.filter((r) => r.path.includes(id));
      const creates = mine.filter((r) => (r.method === 'PUT' && !('uploadId' in r.query)) || (r.method === 'POST' && 'uploads' in r.query));
      const others = mine.filter((r) => !creates.includes(r));
      assert.ok(creates.some((r) => r.method === 'POST'), 'CreateMultipartUpload seen');
      assert.ok(creates.some((r) => r.path.endsWith('.info')), 'PutObject of .info seen');
      assert.ok(creates.some((r) => r.path.endsWith('.part')), 'PutObject of .part seen');
      assert.ok(others.some((r) => r.method === 'PUT' && 'partNumber' in r.query), 'UploadPart seen');
      for (const r of creates) {
        assert.equal(r.headers['x-amz-server-side-encryption'], sse, `${r.method} ${r.path}`);
        assert.equal(r.headers['x-amz-server-side-encryption-aws-kms-key-id'], kmsKeyId, `${r.method} ${r.path}`);
      }
      for (const r of others) assert.equal(r.headers['x-amz-server-side-encryption'], undefined, `${r.method} ${r.path}?${Object.keys(r.query)}`);
    });
  }

  it('its tus datastore answers 404 for ids it never minted, without a request to S3', async () => {
    const storage = await S3Storage.open(s3rverOptions(s3));
    const tus = await tusOver(storage);
    const base = `${tus.base}/files`;
    const count = s3.requests.length;
    for (const id of ['upl_..%2F..%2Fetc', '..%2Fx', `upl_${'0'.repeat(31)}Z`]) {
      const headers = { 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' };
      for (const method of ['HEAD', 'PATCH', 'DELETE']) {
        const res = await fetch(`${base}/${id}`, { method, headers, body: method === 'PATCH' ? 'x' : undefined });
        assert.equal(res.status, 404, `${method} ${id}`);
      }
    }
    assert.equal(s3.requests.length, count);
    await tus.close();
    storage.close();
  });

  it('two instances on one bucket agree on an upload whose length the other one declared', async () => {
    // S3Store caches each upload's .info per process; a cached "length unknown" must not outlive the declaration.
    const [a, b] = [await S3Storage.open(s3rverOptions(s3)), await S3Storage.open(s3rverOptions(s3))];
    const [tusA, tusB] = [await tusOver(a), await tusOver(b)];
    try {
      const data = randomBytes(2 * MiB + 5);
      const created = await fetch(`${tusA.base}/files`, { method: 'POST', headers: { 'tus-resumable': '1.0.0', 'upload-defer-length': '1' } });
      const id = created.headers.get('location')!.split('/').pop()!;
      const patch = async (base: string, offset: number, end: number, length?: number) => {
        const res = await fetch(`${base}/files/${id}`, {
          method: 'PATCH',
          headers: { 'tus-resumable': '1.0.0', 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream', ...(length ? { 'upload-length': String(length) } : {}) },
          body: data.subarray(offset, end),
        });
        assert.equal(res.status, 204, await res.text());
      };
      await patch(tusB.base, 0, MiB); // B now knows the upload, length deferred
      await patch(tusA.base, MiB, data.length, data.length); // A declares the length and finishes it
      for (const storage of [a, b]) assert.deepEqual(await storage.status(id), { offset: data.length, size: data.length });
      const head = await fetch(`${tusB.base}/files/${id}`, { method: 'HEAD', headers: { 'tus-resumable': '1.0.0' } });
      assert.equal(head.headers.get('upload-offset'), String(data.length));
    } finally {
      await Promise.all([tusA.close(), tusB.close()]);
      a.close();
      b.close();
    }
  });

  it('keeps every object under the prefix', async () => {
    const storage = await S3Storage.open(s3rverOptions(s3, { prefix: 'tenants/acme/' }));
    const tus = await tusOver(storage);
    const id = await tus.upload(randomBytes(3 * MiB), MiB);
    await tus.close();
    const client = inspector(s3);
    const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: id }));
    const prefixed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: `tenants/acme/${id}` }));
    client.destroy();
    storage.close();
    assert.equal(listed.KeyCount ?? 0, 0);
    assert.deepEqual((prefixed.Contents ?? []).map((o) => o.Key).sort(), [`tenants/acme/${id}`, `tenants/acme/${id}.info`]);
  });

  it('open() names the bucket and endpoint when the bucket does not exist', async () => {
    await assert.rejects(S3Storage.open(s3rverOptions(s3, { bucket: 'no-such-bucket' })), (error: Error) => {
      assert.match(error.message, /"no-such-bucket"/);
      assert.ok(error.message.includes(s3.endpoint), error.message);
      assert.match(error.message, /does not exist/);
      return true;
    });
  });

  it('open() says why when the credentials are refused or the endpoint is down', async () => {
    const badKey = s3rverOptions(s3, { credentials: { accessKeyId: 'NOT-A-KEY', secretAccessKey: 'x' } });
    await assert.rejects(S3Storage.open(badKey), /bucket "media" at http:\/\/127\.0\.0\.1:\d+ is not usable: access is denied/);
    await assert.rejects(S3Storage.open(s3rverOptions(s3, { endpoint: 'http://127.0.0.1:1' })), /bucket "media" at http:\/\/127\.0\.0\.1:1 is not usable: .*ECONNREFUSED/);
  });

  it('open() refuses invalid options before any request', async () => {
    const count = s3.requests.length;
    await assert.rejects(S3Storage.open(s3rverOptions(s3, { sse: 'aws:kms-dsse' as never })), /sse/);
    await assert.rejects(S3Storage.open(s3rverOptions(s3, { sse: 'AES256', kmsKeyId: 'k' })), /kmsKeyId/);
    await assert.rejects(S3Storage.open(s3rverOptions(s3, { prefix: '/abs/' })), /prefix/);
    assert.equal(s3.requests.length, count);
  });

  it('keeps working after the S3 service restarts', async () => {
    const storage = await S3Storage.open(s3rverOptions(s3));
    const tus = await tusOver(storage);
    const data = randomBytes(600 * KiB);
    const before = await tus.upload(data, 200 * KiB);
    await s3.restart();
    const afterRestart = await tus.upload(data, 200 * KiB);
    await tus.close();
    for (const id of [before, afterRestart]) assert.deepEqual(await storage.status(id), { offset: data.length, size: data.length });
    storage.close();
  });

  it('openMediaStorage() picks S3 when s3 options are given, else disk', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'candid-open-'));
    const disk = await openMediaStorage({ mediaDir: dir });
    const remote = await openMediaStorage({ mediaDir: dir, s3: s3rverOptions(s3) });
    assert.equal(disk.kind, 'disk');
    assert.equal(remote.kind, 's3');
    (remote as S3Storage).close();
    await rm(dir, { recursive: true, force: true });
  });

  it('startS3rver env is what s3OptionsFromEnv needs', () => {
    assert.deepEqual(s3OptionsFromEnv(s3.env), { ...s3rverOptions(s3), region: 'us-east-1' });
  });
});

describe('s3OptionsFromEnv', () => {
  it('returns undefined without CANDID_S3_BUCKET (media on disk)', () => {
    assert.equal(s3OptionsFromEnv({}), undefined);
    assert.equal(s3OptionsFromEnv({ CANDID_S3_BUCKET: ' ', AWS_REGION: 'eu-west-1' }), undefined);
  });

  it('maps every variable', () => {
    assert.deepEqual(
      s3OptionsFromEnv({
        CANDID_S3_BUCKET: 'media',
        CANDID_S3_PREFIX: 'candid/',
        AWS_REGION: 'eu-central-1',
        AWS_DEFAULT_REGION: 'us-west-2',
        AWS_ENDPOINT_URL_S3: 'http://minio:9000',
        AWS_ENDPOINT_URL: 'http://other:1',
        AWS_ACCESS_KEY_ID: 'AKIA',
        AWS_SECRET_ACCESS_KEY: 'secret',
        AWS_SESSION_TOKEN: 'session',
        CANDID_S3_FORCE_PATH_STYLE: '1',
        CANDID_S3_SSE: 'aws:kms',
        CANDID_S3_KMS_KEY_ID: 'alias/candid',
      }),
      {
        bucket: 'media',
        prefix: 'candid/',
        region: 'eu-central-1',
        endpoint: 'http://minio:9000',
        forcePathStyle: true,
        credentials: { accessKeyId: 'AKIA', secretAccessKey: 'secret', sessionToken: 'session' },
        sse: 'aws:kms',
        kmsKeyId: 'alias/candid',
      },
    );
  });

  it('falls back to AWS_DEFAULT_REGION and AWS_ENDPOINT_URL, and leaves credentials to the SDK chain unless both keys are set', () => {
    assert.deepEqual(s3OptionsFromEnv({ CANDID_S3_BUCKET: 'b', AWS_DEFAULT_REGION: 'us-west-2', AWS_ENDPOINT_URL: 'http://x:1', AWS_ACCESS_KEY_ID: 'only-id' }), {
      bucket: 'b',
      region: 'us-west-2',
      endpoint: 'http://x:1',
    });
    assert.deepEqual(s3OptionsFromEnv({ CANDID_S3_BUCKET: 'b', CANDID_S3_FORCE_PATH_STYLE: '0' }), { bucket: 'b', forcePathStyle: false });
  });

  it('implies aws:kms from a KMS key id, and rejects bad SSE settings', () => {
    assert.deepEqual(s3OptionsFromEnv({ CANDID_S3_BUCKET: 'b', CANDID_S3_KMS_KEY_ID: 'k' }), { bucket: 'b', sse: 'aws:kms', kmsKeyId: 'k' });
    assert.throws(() => s3OptionsFromEnv({ CANDID_S3_BUCKET: 'b', CANDID_S3_SSE: 'aes256' }), /CANDID_S3_SSE/);
    assert.throws(() => s3OptionsFromEnv({ CANDID_S3_BUCKET: 'b', CANDID_S3_SSE: 'AES256', CANDID_S3_KMS_KEY_ID: 'k' }), /kmsKeyId/);
    assert.throws(() => s3OptionsFromEnv({ CANDID_S3_BUCKET: 'b', AWS_ENDPOINT_URL_S3: 'not a url' }), /endpoint/);
  });
});
