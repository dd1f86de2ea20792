/**
 * Throughput of one 64 MiB tus upload (1 MiB PATCHes) through a real @tus/server into each storage,
 * on loopback, next to a plain fs.createWriteStream of the same bytes. Not a test: prints a table.
 *
 *   node --import tsx packages/server-sdk/bench/storage-throughput.ts [runs=3]
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { Server } from '@tus/server';
import { newId } from '../src/ids.js';
import { LocalDiskStorage } from '../src/storage/local-disk-storage.js';
import type { MediaStorage } from '../src/storage/media-storage.js';
import { S3Storage } from '../src/storage/s3-storage.js';
import { startS3rver } from '../test/helpers/s3rver.js';

const MiB = 1024 * 1024;
const SIZE = 64 * MiB;
const CHUNK = MiB;
const runs = Number(process.argv[2] ?? 3);
const data = randomBytes(SIZE);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const expected = sha256(data);

async function plainCopy(dir: string): Promise<number> {
  const file = path.join(dir, `plain-${Date.now()}`);
  const start = performance.now();
  const out = createWriteStream(file);
  for (let offset = 0; offset < SIZE; offset += CHUNK) {
    if (!out.write(data.subarray(offset, offset + CHUNK))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const ms = performance.now() - start;
  await rm(file);
  return ms;
}

/** One upload through @tus/server; `deferred` declares the length on the last PATCH, as the widget does. */
async function tusUpload(storage: MediaStorage, deferred: boolean): Promise<number> {
  const tus = new Server({ path: '/files', datastore: storage.datastore, namingFunction: () => newId('upl') });
  const server = http.createServer((req, res) => void tus.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const start = performance.now();
  const created = await fetch(`${base}/files`, {
    method: 'POST',
    headers: { 'tus-resumable': '1.0.0', ...(deferred ? { 'upload-defer-length': '1' } : { 'upload-length': String(SIZE) }) },
  });
  const url = new URL(created.headers.get('location')!, base).href;
  for (let offset = 0; offset < SIZE; offset += CHUNK) {
    const last = offset + CHUNK >= SIZE;
    const res = await fetch(url, {
      method: 'PATCH',
      headers: {
        'tus-resumable': '1.0.0',
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
        ...(deferred && last ? { 'upload-length': String(SIZE) } : {}),
      },
      body: data.subarray(offset, offset + CHUNK),
    });
    if (res.status !== 204) throw new Error(`PATCH at ${offset}: ${res.status} ${await res.text()}`);
  }
  const ms = performance.now() - start;
  server.closeAllConnections();
  server.close();

  const id = url.slice(url.lastIndexOf('/') + 1);
  const parts: Buffer[] = [];
  for await (const chunk of await storage.read(id)) parts.push(chunk as Buffer);
  if (sha256(Buffer.concat(parts)) !== expected) throw new Error('stored bytes differ');
  await storage.remove(id);
  return ms;
}

/** Reads back a stored 64 MiB upload (what the pipeline and downloads do). */
async function readAll(storage: MediaStorage): Promise<number> {
  const tus = new Server({ path: '/files', datastore: storage.datastore, namingFunction: () => newId('upl') });
  const server = http.createServer((req, res) => void tus.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const created = await fetch(`${base}/files`, { method: 'POST', headers: { 'tus-resumable': '1.0.0', 'upload-length': String(SIZE) } });
  const url = new URL(created.headers.get('location')!, base).href;
  const res = await fetch(url, { method: 'PATCH', headers: { 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, body: data });
  if (res.status !== 204) throw new Error(`PATCH: ${res.status}`);
  server.closeAllConnections();
  server.close();
  const id = url.slice(url.lastIndexOf('/') + 1);
  const start = performance.now();
  const hash = createHash('sha256');
  for await (const chunk of await storage.read(id)) hash.update(chunk as Buffer);
  const ms = performance.now() - start;
  if (hash.digest('hex') !== expected) throw new Error('read bytes differ');
  await storage.remove(id);
  return ms;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'candid-bench-'));
  const s3 = await startS3rver({ buckets: ['media'] });
  const disk = await LocalDiskStorage.open(path.join(dir, 'media'));
  // Encrypted at rest as createCandid sets it up, with one fixed key instead of per-session keys.
  const key = randomBytes(32);
  const sealedDisk = await LocalDiskStorage.open(path.join(dir, 'sealed'), { forUpload: async () => ({ ref: 'bench', key }), forDerived: async () => ({ ref: 'bench', key }), key: async () => key });
  const bucket = await S3Storage.open({ bucket: s3.bucket, endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials });
  const cases: [string, () => Promise<number>][] = [
    ['fs.createWriteStream (1 MiB writes)', () => plainCopy(dir)],
    ['tus -> disk (FileStore), deferred length', () => tusUpload(disk, true)],
    ['tus -> disk (FileStore), known length', () => tusUpload(disk, false)],
    ['tus -> disk, AES-256-GCM, deferred length', () => tusUpload(sealedDisk, true)],
    ['tus -> disk, AES-256-GCM, known length', () => tusUpload(sealedDisk, false)],
    ['read 64 MiB from disk, plain', () => readAll(disk)],
    ['read 64 MiB from disk, AES-256-GCM', () => readAll(sealedDisk)],
    ['tus -> s3rver (S3Store), deferred length', () => tusUpload(bucket, true)],
    ['tus -> s3rver (S3Store), known length', () => tusUpload(bucket, false)],
  ];
  const rows: string[][] = [];
  try {
    for (const [name, run] of cases) {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push(await run());
      const ms = median(times);
      rows.push([name, (ms / 1000).toFixed(2), (SIZE / 1e6 / (ms / 1000)).toFixed(1), (SIZE / MiB / (ms / 1000)).toFixed(1)]);
      // One machine-readable line per case for bench/run.mjs.
      console.log(JSON.stringify({ bench: 'ingest', case: name, seconds: ms / 1000, mbPerSecond: SIZE / 1e6 / (ms / 1000), runs }));
    }
  } finally {
    bucket.close();
    await s3.stop();
    await rm(dir, { recursive: true, force: true });
  }
  const header = ['64 MiB, 1 MiB PATCHes, loopback', 's (median)', 'MB/s', 'MiB/s'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`node ${process.version}, ${os.cpus().length} cores, median of ${runs} run(s)`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

await main();
