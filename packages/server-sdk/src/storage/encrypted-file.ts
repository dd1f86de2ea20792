import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createReadStream } from 'node:fs';
import {
  type MediaHeader,
  MAGIC,
  MAX_HEADER_BYTES,
  RECORD_BYTES,
  RECORD_OVERHEAD,
  RECORD_PLAINTEXT,
  decryptRecord,
  encryptRecord,
  newHeader,
  parseHeader,
  plaintextSize,
  recordPosition,
} from '../crypto/media-format.js';

/** Where a file's key comes from: a reference (the session id) is written in each file's header. */
export interface MediaKeySource {
  /** The reference and key new bytes of this tus upload are written under (the key is created if needed). */
  forUpload(uploadId: string): Promise<{ ref: string; key: Buffer }>;
  /** The same for a derived object (`ans_….mp4`). */
  forDerived(name: string): Promise<{ ref: string; key: Buffer }>;
  /** The key named by a file header; DATA_KEY_DESTROYED once it was destroyed. */
  key(ref: string): Promise<Buffer>;
}

/** Records read per disk read while streaming (1 MiB). */
const READ_BATCH = 16;

async function readHeader(handle: FileHandle, size: number): Promise<MediaHeader | null> {
  if (size === 0) return null;
  const head = Buffer.alloc(Math.min(size, MAX_HEADER_BYTES));
  await handle.read(head, 0, head.length, 0);
  return parseHeader(head);
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** False for a file written before encryption existed (plain media never starts with `CNDM`). */
export async function isEncryptedFile(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = await readAt(handle, 0, MAGIC.length);
    return head.length === 0 || head.equals(MAGIC);
  } finally {
    await handle.close();
  }
}

/** Where the last record starts, and whether its length field matches the bytes after it. */
async function lastRecord(handle: FileHandle, header: MediaHeader, size: number): Promise<{ index: number; start: number; whole: boolean } | null> {
  const body = size - header.length;
  if (body <= 0) return null;
  const index = Math.floor((body - 1) / RECORD_BYTES);
  const start = recordPosition(header, index);
  const lengthField = await readAt(handle, start, 4);
  return { index, start, whole: lengthField.length === 4 && lengthField.readUInt32BE(0) + RECORD_OVERHEAD === size - start };
}

/**
 * Plaintext bytes in an encrypted file (0 for an empty one). Read-only: a last record that is not
 * whole (a write in progress, or torn by a crash) is not counted.
 */
export async function encryptedSize(file: string): Promise<number> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > 0 && !(await readAt(handle, 0, MAGIC.length)).equals(MAGIC)) return size; // a plain file from before encryption
    const header = await readHeader(handle, size).catch(() => null);
    if (!header) return 0;
    const last = await lastRecord(handle, header, size);
    if (last && !last.whole) return last.index * RECORD_PLAINTEXT;
    return plaintextSize(size, header.length);
  } finally {
    await handle.close();
  }
}

/**
 * Called with the upload's lock held, before appending: a last record torn by a crash mid-write
 * (short, or failing authentication) is cut off, as is a torn header. The offset then falls back to
 * the last whole record and the client resends from there (tus clients HEAD and resume).
 */
export async function repairTail(file: string, keyForRef: (ref: string) => Promise<Buffer>): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    const { size } = await handle.stat();
    if (size === 0 || !(await readAt(handle, 0, MAGIC.length)).equals(MAGIC)) return;
    const header = await readHeader(handle, size).catch(() => null);
    if (!header || size < header.length) {
      await handle.truncate(0);
      return;
    }
    const last = await lastRecord(handle, header, size);
    if (!last) return;
    let whole = last.whole;
    if (whole) {
      try {
        decryptRecord(await keyForRef(header.ref), header, last.index, await readAt(handle, last.start, size - last.start));
      } catch (error) {
        if (!(error instanceof Error && 'code' in error && error.code === 'DATA_INTEGRITY')) throw error;
        whole = false;
      }
    }
    if (!whole) await handle.truncate(last.start);
  } finally {
    await handle.close();
  }
}

/**
 * Appends the stream's bytes to an encrypted file (tus PATCH). The header is written on the first
 * bytes; a short last record is rewritten with the new bytes added. Whatever arrived before an
 * error is kept (tus resumes from the stored size). Returns the plaintext bytes received.
 */
export async function appendEncrypted(file: string, source: AsyncIterable<Buffer>, keyOf: () => Promise<{ ref: string; key: Buffer }>, keyForRef: (ref: string) => Promise<Buffer>): Promise<number> {
  const handle = await open(file, 'r+');
  let received = 0;
  try {
    const { size } = await handle.stat();
    let header = await readHeader(handle, size);
    let key: Buffer;
    if (header) key = await keyForRef(header.ref);
    else {
      const fresh = await keyOf();
      const made = newHeader(fresh.ref);
      await handle.write(made.bytes, 0, made.bytes.length, 0);
      header = made.header;
      key = fresh.key;
    }
    const stored = plaintextSize(size, header.length);
    let index = Math.floor(stored / RECORD_PLAINTEXT);
    let pending: Buffer = Buffer.alloc(0);
    if (stored % RECORD_PLAINTEXT > 0) {
      pending = decryptRecord(key, header, index, await readAt(handle, recordPosition(header, index), RECORD_BYTES));
    }
    const flushFull = async () => {
      // Full records are written together (fewer syscalls), each with its own nonce.
      const out: Buffer[] = [];
      let offset = 0;
      while (pending.length - offset >= RECORD_PLAINTEXT) {
        out.push(encryptRecord(key, header!, index + out.length, pending.subarray(offset, offset + RECORD_PLAINTEXT)));
        offset += RECORD_PLAINTEXT;
      }
      if (out.length === 0) return;
      await handle.writev(out, recordPosition(header!, index));
      index += out.length;
      pending = pending.subarray(offset);
    };
    // Chunks are gathered and joined once per ~1 MiB (joining on every chunk would copy quadratically).
    let chunks: Buffer[] = [];
    let gathered = 0;
    const join = () => {
      if (chunks.length > 0) pending = Buffer.concat([pending, ...chunks]);
      chunks = [];
      gathered = 0;
    };
    try {
      for await (const chunk of source) {
        received += chunk.length;
        chunks.push(chunk);
        gathered += chunk.length;
        if (gathered >= 16 * RECORD_PLAINTEXT) {
          join();
          await flushFull();
        }
      }
    } finally {
      // Also after an error: the bytes that did arrive are stored, as FileStore does.
      if (received > 0) {
        join();
        await flushFull();
        if (pending.length > 0) {
          const last = encryptRecord(key, header, index, pending);
          await handle.write(last, 0, last.length, recordPosition(header, index));
        }
      }
    }
    return received;
  } finally {
    await handle.close();
  }
}

/** Encrypts a whole local file into `target` (written to a temporary name, then renamed). */
export async function writeEncryptedFile(source: string, target: string, ref: string, key: Buffer): Promise<number> {
  const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
  const input = await open(source, 'r');
  const output = await open(temp, 'w', 0o600);
  let total = 0;
  try {
    const { header, bytes } = newHeader(ref);
    await output.write(bytes);
    const buffer = Buffer.alloc(RECORD_PLAINTEXT);
    for (let index = 0; ; index++) {
      let filled = 0;
      while (filled < RECORD_PLAINTEXT) {
        const { bytesRead } = await input.read(buffer, filled, RECORD_PLAINTEXT - filled, total + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      if (filled === 0) break;
      await output.write(encryptRecord(key, header, index, buffer.subarray(0, filled)));
      total += filled;
      if (filled < RECORD_PLAINTEXT) break;
    }
    await output.sync();
  } catch (error) {
    await output.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  } finally {
    await input.close();
  }
  await output.close();
  await rename(temp, target);
  return total;
}

/**
 * A stream of plaintext bytes `start..end` (inclusive) of an encrypted file. The key is resolved
 * before this returns, so a destroyed key is a typed error, not a broken response.
 */
export async function readEncrypted(file: string, keyForRef: (ref: string) => Promise<Buffer>, range?: { start: number; end: number }): Promise<Readable> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > 0 && !(await readAt(handle, 0, MAGIC.length)).equals(MAGIC)) {
      // Stored before encryption existed: served as it is.
      await handle.close();
      return createReadStream(file, range);
    }
    const header = await readHeader(handle, size);
    if (!header) {
      await handle.close();
      return Readable.from([]);
    }
    const key = await keyForRef(header.ref);
    const total = plaintextSize(size, header.length);
    const start = range?.start ?? 0;
    const end = Math.min(range?.end ?? total - 1, total - 1);
    async function* records(): AsyncGenerator<Buffer> {
      try {
        if (start > end) return;
        const last = Math.floor(end / RECORD_PLAINTEXT);
        for (let index = Math.floor(start / RECORD_PLAINTEXT); index <= last; index += READ_BATCH) {
          const count = Math.min(READ_BATCH, last - index + 1);
          const bytes = await readAt(handle, recordPosition(header!, index), count * RECORD_BYTES);
          for (let i = 0; i < count; i++) {
            const plain = decryptRecord(key, header!, index + i, bytes.subarray(i * RECORD_BYTES));
            const offset = (index + i) * RECORD_PLAINTEXT;
            yield plain.subarray(Math.max(0, start - offset), Math.min(plain.length, end - offset + 1));
          }
        }
      } finally {
        await handle.close();
      }
    }
    return Readable.from(records(), { objectMode: false });
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}
