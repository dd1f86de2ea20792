import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { access, mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Server } from '@tus/server';
import { newId } from '../../src/ids.js';
import type { MediaStorage } from '../../src/storage/media-storage.js';
import { patchAndCut } from './tus.js';

/** What a backend's test factory returns. */
export interface StorageUnderTest {
  storage: MediaStorage;
  cleanup(): Promise<void>;
  /** Names of everything the backend still holds for `uploadId` (files, objects, incomplete multipart uploads). */
  leftovers(uploadId: string): Promise<string[]>;
  /** Requests the backend has received so far, when it can count them (S3). */
  backendRequests?(): number;
  /** The storage's own directory, when it has one: a `..` id must not reach outside it. */
  directory?: string;
}

const KiB = 1024;
const MiB = 1024 * KiB;

/** Raw tus 1.0 requests against a plain @tus/server (no auth), so every byte is under the test's control. */
class TusClient {
  constructor(readonly base: string) {}

  async create(): Promise<{ id: string; url: string }> {
    const res = await fetch(`${this.base}/files`, { method: 'POST', headers: { 'tus-resumable': '1.0.0', 'upload-defer-length': '1' } });
    assert.equal(res.status, 201, await res.text());
    const url = new URL(res.headers.get('location')!, this.base).href;
    return { id: url.slice(url.lastIndexOf('/') + 1), url };
  }

  async patch(url: string, offset: number, body: Buffer, length?: number): Promise<{ status: number; offset: number }> {
    const res = await fetch(url, {
      method: 'PATCH',
      headers: {
        'tus-resumable': '1.0.0',
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
        ...(length === undefined ? {} : { 'upload-length': String(length) }),
      },
      body,
    });
    await res.arrayBuffer();
    return { status: res.status, offset: Number(res.headers.get('upload-offset')) };
  }

  async head(url: string) {
    const res = await fetch(url, { method: 'HEAD', headers: { 'tus-resumable': '1.0.0' } });
    return { status: res.status, offset: Number(res.headers.get('upload-offset')), length: res.headers.get('upload-length'), deferred: res.headers.get('upload-defer-length') };
  }

  async delete(url: string): Promise<number> {
    const res = await fetch(url, { method: 'DELETE', headers: { 'tus-resumable': '1.0.0' } });
    await res.arrayBuffer();
    return res.status;
  }

  /** A PATCH that announces all of `body` but sends `sendBytes` of it, then drops the connection. */
  async patchAndCut(url: string, offset: number, body: Buffer, sendBytes: number): Promise<void> {
    await patchAndCut(url, null, offset, body, sendBytes);
  }

  /** Deferred-length upload of `data` in `chunk`-sized PATCHes; the last one declares the length (or a final empty PATCH does). */
  async upload(data: Buffer, chunk: number, opts: { declareWithEmptyPatch?: boolean } = {}): Promise<{ id: string; url: string }> {
    const created = await this.create();
    for (let offset = 0; offset < data.length; offset += chunk) {
      const body = data.subarray(offset, offset + chunk);
      const last = offset + body.length === data.length;
      const res = await this.patch(created.url, offset, body, last && !opts.declareWithEmptyPatch ? data.length : undefined);
      assert.equal(res.status, 204);
      assert.equal(res.offset, offset + body.length);
    }
    if (opts.declareWithEmptyPatch || data.length === 0) {
      const res = await this.patch(created.url, data.length, Buffer.alloc(0), data.length);
      assert.equal(res.status, 204);
    }
    return created;
  }
}

async function readAll(storage: MediaStorage, uploadId: string, range?: { start: number; end: number }): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of await storage.read(uploadId, range)) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

const sameBytes = (actual: Buffer, expected: Buffer) => {
  assert.equal(actual.length, expected.length, 'length');
  assert.ok(actual.equals(expected), 'bytes differ');
};

/**
 * The behaviour every MediaStorage must share, driven through its tus datastore by a real @tus/server
 * (as tus-node-server's own store tests do), with the cases media answers rely on.
 */
export function shouldBehaveLikeMediaStorage(name: string, factory: () => Promise<StorageUnderTest>): void {
  describe(`${name} behaves like MediaStorage`, () => {
    let sut: StorageUnderTest;
    let server: http.Server;
    let tus: TusClient;

    before(async () => {
      sut = await factory();
      const tusServer = new Server({ path: '/files', datastore: sut.storage.datastore, namingFunction: () => newId('upl') });
      server = http.createServer((req, res) => void tusServer.handle(req, res));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      tus = new TusClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });

    after(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sut.cleanup();
    });

    it('completes a deferred-length upload under 5 MiB sent in small PATCHes (short answers)', async () => {
      const data = randomBytes(2 * MiB + 12_345);
      const { id, url } = await tus.upload(data, 300 * KiB);
      const head = await tus.head(url);
      assert.equal(head.offset, data.length);
      assert.equal(head.length, String(data.length));
      assert.equal(head.deferred, null);
      sameBytes(await readAll(sut.storage, id), data);
    });

    it('completes when a final empty PATCH declares the length', async () => {
      const data = randomBytes(700 * KiB + 3);
      const { id } = await tus.upload(data, 100 * KiB, { declareWithEmptyPatch: true });
      assert.deepEqual(await sut.storage.status(id), { offset: data.length, size: data.length });
      sameBytes(await readAll(sut.storage, id), data);
    });

    it('completes a 12 MiB deferred-length upload sent in 1 MiB PATCHes', async () => {
      const data = randomBytes(12 * MiB);
      const { id } = await tus.upload(data, MiB);
      sameBytes(await readAll(sut.storage, id), data);
    });

    for (const [total, first, cutAt] of [
      [3 * MiB, MiB, 700 * KiB],
      [7 * MiB, 4 * MiB, 2 * MiB],
    ] as const) {
      it(`resumes a ${total / MiB} MiB upload from the HEAD offset after a PATCH is cut mid-body`, async () => {
        const data = randomBytes(total);
        const { id, url } = await tus.create();
        assert.equal((await tus.patch(url, 0, data.subarray(0, first))).status, 204);
        await tus.patchAndCut(url, first, data.subarray(first), cutAt);

        // HEAD waits for the cut PATCH to settle (tus locks the upload); then resume from where it says.
        const head = await tus.head(url);
        assert.equal(head.status, 200);
        assert.ok(head.offset >= first && head.offset <= first + cutAt, `offset ${head.offset} outside [${first}, ${first + cutAt}]`);
        assert.equal(head.deferred, '1');
        const res = await tus.patch(url, head.offset, data.subarray(head.offset), data.length);
        assert.equal(res.status, 204);
        assert.equal(res.offset, data.length);
        sameBytes(await readAll(sut.storage, id), data);
      });
    }

    it('status() reports the offset, and no size until the length is declared', async () => {
      const data = randomBytes(1500);
      const { id, url } = await tus.create();
      assert.deepEqual(await sut.storage.status(id), { offset: 0, size: undefined });
      await tus.patch(url, 0, data.subarray(0, 1000));
      assert.deepEqual(await sut.storage.status(id), { offset: 1000, size: undefined });
      await tus.patch(url, 1000, data.subarray(1000), data.length);
      assert.deepEqual(await sut.storage.status(id), { offset: 1500, size: 1500 });
      await assert.rejects(sut.storage.status(newId('upl')));
    });

    it('read() serves inclusive byte ranges', async () => {
      const data = randomBytes(1 * MiB + 77);
      const { id } = await tus.upload(data, 256 * KiB);
      sameBytes(await readAll(sut.storage, id, { start: 0, end: 3 }), data.subarray(0, 4));
      sameBytes(await readAll(sut.storage, id, { start: 500_000, end: 600_000 }), data.subarray(500_000, 600_001));
      sameBytes(await readAll(sut.storage, id, { start: data.length - 1, end: data.length - 1 }), data.subarray(data.length - 1));
      await assert.rejects(readAll(sut.storage, newId('upl')));
    });

    it('remove() deletes a finished upload and everything stored with it', async () => {
      const { id } = await tus.upload(randomBytes(300 * KiB), 100 * KiB);
      assert.ok((await sut.leftovers(id)).length > 0, 'the upload should be stored');
      await sut.storage.remove(id);
      assert.deepEqual(await sut.leftovers(id), []);
      await assert.rejects(sut.storage.status(id));
      await assert.rejects(readAll(sut.storage, id));
      await sut.storage.remove(id); // already gone: not an error
    });

    it('remove() deletes an unfinished upload, its partial data and any incomplete multipart upload', async () => {
      const data = randomBytes(5 * MiB + 512 * KiB);
      const { id, url } = await tus.create();
      for (let offset = 0; offset < data.length; offset += MiB) {
        assert.equal((await tus.patch(url, offset, data.subarray(offset, offset + MiB))).status, 204);
      }
      assert.equal((await tus.head(url)).offset, data.length);
      await sut.storage.remove(id);
      assert.deepEqual(await sut.leftovers(id), []);
      assert.equal((await tus.head(url)).status, 404);
    });

    it('remove() of an id that was never stored resolves', async () => {
      await sut.storage.remove(newId('upl'));
    });

    it('tus DELETE (termination) removes finished and unfinished uploads completely', async () => {
      const finished = await tus.upload(randomBytes(200 * KiB), 100 * KiB);
      const unfinished = await tus.create();
      await tus.patch(unfinished.url, 0, randomBytes(150 * KiB));
      for (const upload of [finished, unfinished]) {
        assert.equal(await tus.delete(upload.url), 204);
        assert.deepEqual(await sut.leftovers(upload.id), []);
        assert.equal((await tus.head(upload.url)).status, 404);
      }
    });

    it('refuses ids that are not server-minted without touching the backend', async () => {
      let sentinel: string | undefined;
      if (sut.directory) {
        sentinel = path.join(sut.directory, '..', 'x');
        await mkdir(path.dirname(sentinel), { recursive: true });
        await writeFile(sentinel, 'keep me');
      }
      const before = sut.backendRequests?.();
      for (const bad of ['../x', 'upl_../../etc', `upl_${'0'.repeat(31)}/`, `upl_${'A'.repeat(32)}`, `ses_${'0'.repeat(32)}`, '']) {
        for (const call of [() => sut.storage.read(bad), () => sut.storage.status(bad), () => sut.storage.remove(bad)]) {
          await assert.rejects(call(), (error: { code?: string }) => error.code === 'UPLOAD_NOT_FOUND', `id ${JSON.stringify(bad)}`);
        }
      }
      assert.equal(sut.backendRequests?.(), before);
      if (sentinel) await access(sentinel);
    });
  });
}
