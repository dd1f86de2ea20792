import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { CandidError } from '../errors.js';
import { NONCE_BYTES, TAG_BYTES } from './aead.js';

/**
 * Encrypted media file format (version 1), append-friendly and seekable:
 *
 *   header:  "CNDM" | version u8 | ref length u8 | ref (ascii: the session whose data key encrypts it) | file id (16 random bytes)
 *   records: plaintext length u32be | nonce (12) | ciphertext | GCM tag (16)
 *
 * Every record holds RECORD_PLAINTEXT bytes except the last, so the plaintext offset of record i is
 * i × RECORD_PLAINTEXT and the plaintext size follows from the file size alone (tus offsets). An
 * append that starts inside a short last record rewrites that record (fresh nonce) with the new
 * bytes added. Each record's associated data is `file id ‖ index ‖ length`, so records cannot be
 * moved between files or positions unnoticed.
 */
export const MAGIC = Buffer.from('CNDM');
export const FORMAT_VERSION = 1;
export const RECORD_PLAINTEXT = 64 * 1024;
export const RECORD_OVERHEAD = 4 + NONCE_BYTES + TAG_BYTES;
export const RECORD_BYTES = RECORD_PLAINTEXT + RECORD_OVERHEAD;
const FILE_ID_BYTES = 16;

export interface MediaHeader {
  ref: string;
  fileId: Buffer;
  /** Bytes the header takes at the start of the file. */
  length: number;
}

export function newHeader(ref: string): { header: MediaHeader; bytes: Buffer } {
  const refBytes = Buffer.from(ref, 'ascii');
  if (refBytes.length === 0 || refBytes.length > 255) throw new Error('media key reference must be 1-255 ascii bytes');
  const fileId = randomBytes(FILE_ID_BYTES);
  const bytes = Buffer.concat([MAGIC, Buffer.from([FORMAT_VERSION, refBytes.length]), refBytes, fileId]);
  return { header: { ref, fileId, length: bytes.length }, bytes };
}

/** Bytes needed to parse a header: at most this many. */
export const MAX_HEADER_BYTES = MAGIC.length + 2 + 255 + FILE_ID_BYTES;

export function parseHeader(head: Buffer): MediaHeader {
  if (head.length < MAGIC.length + 2 || !head.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new CandidError('DATA_INTEGRITY', 'This media file is not in Candid\'s encrypted format.');
  }
  if (head[4] !== FORMAT_VERSION) throw new CandidError('DATA_INTEGRITY', `Unknown encrypted media format version ${head[4]}.`);
  const refLength = head[5]!;
  const length = MAGIC.length + 2 + refLength + FILE_ID_BYTES;
  if (head.length < length) throw new CandidError('DATA_INTEGRITY', 'Truncated encrypted media header.');
  return { ref: head.subarray(6, 6 + refLength).toString('ascii'), fileId: Buffer.from(head.subarray(6 + refLength, length)), length };
}

/** Plaintext bytes held by a file of `fileSize` bytes whose header takes `headerLength`. */
export function plaintextSize(fileSize: number, headerLength: number): number {
  const body = Math.max(0, fileSize - headerLength);
  const full = Math.floor(body / RECORD_BYTES);
  const rest = body % RECORD_BYTES;
  // A torn last record (shorter than its overhead) holds nothing readable.
  return full * RECORD_PLAINTEXT + Math.max(0, rest - RECORD_OVERHEAD);
}

/** Where record `index` starts in the file. */
export const recordPosition = (header: MediaHeader, index: number) => header.length + index * RECORD_BYTES;

function aad(fileId: Buffer, index: number, length: number): Buffer {
  const out = Buffer.alloc(FILE_ID_BYTES + 12);
  fileId.copy(out, 0);
  out.writeBigUInt64BE(BigInt(index), FILE_ID_BYTES);
  out.writeUInt32BE(length, FILE_ID_BYTES + 8);
  return out;
}

export function encryptRecord(key: Buffer, header: MediaHeader, index: number, plaintext: Buffer): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad(header.fileId, index, plaintext.length));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(plaintext.length);
  const body = cipher.update(plaintext);
  const final = cipher.final();
  return Buffer.concat([length, nonce, body, final, cipher.getAuthTag()]);
}

/** Decrypts one record (`record` may extend past it: only its own bytes are used). */
export function decryptRecord(key: Buffer, header: MediaHeader, index: number, record: Buffer): Buffer {
  if (record.length < RECORD_OVERHEAD) throw new CandidError('DATA_INTEGRITY', 'Truncated media record.');
  const length = record.readUInt32BE(0);
  if (length > RECORD_PLAINTEXT || record.length < length + RECORD_OVERHEAD) throw new CandidError('DATA_INTEGRITY', 'Malformed media record.');
  const nonce = record.subarray(4, 4 + NONCE_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(aad(header.fileId, index, length));
  decipher.setAuthTag(record.subarray(4 + NONCE_BYTES + length, 4 + NONCE_BYTES + length + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(record.subarray(4 + NONCE_BYTES, 4 + NONCE_BYTES + length)), decipher.final()]);
  } catch (error) {
    throw new CandidError('DATA_INTEGRITY', 'A media record failed authentication (wrong key or corrupted).', { cause: error });
  }
}
