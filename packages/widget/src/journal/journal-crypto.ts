import type { JournalChunk } from './journal.js';

/**
 * Encryption at rest of journaled chunks (WebCrypto, no library).
 *
 * One AES-GCM 256 key per session, generated in the browser as NON-EXTRACTABLE and stored as a
 * `CryptoKey` in the journal's `keys` store: page script can use it to encrypt and decrypt, never
 * read it out. Deleting a session's key (its last take committed, the session withdrawn, erased or
 * expired) makes whatever ciphertext the disk still holds unreadable (crypto-shredding).
 *
 * A chunk is stored as one or more parts, each `iv (12 bytes) ‖ ciphertext+tag`, as a Blob where
 * IndexedDB takes Blobs (the browser may keep it on disk until read) and as an ArrayBuffer where it
 * refuses them (WebKit's private browsing and automation profiles); a fresh random IV
 * per part. A large chunk (a picked video file is ONE chunk) is read and encrypted in parts of
 * `PART_BYTES`, so the whole file never sits in memory at once. The additional data binds each
 * part to its chunk index, byte offset and part number: parts cannot be reordered or swapped
 * between chunks without the decryption failing.
 */
const PART_BYTES = 4 * 1024 * 1024;
const IV_BYTES = 12;
const ALGORITHM = 'AES-GCM';

const aad = (chunk: Pick<JournalChunk, 'index' | 'start'>, part: number) => new TextEncoder().encode(`candid-journal/1:${chunk.index}:${chunk.start}:${part}`);

/** A new session key: AES-GCM 256, non-extractable, usable to encrypt and decrypt only. */
export const newKey = (): Promise<CryptoKey> => crypto.subtle.generateKey({ name: ALGORITHM, length: 256 }, false, ['encrypt', 'decrypt']);

/** How sealed parts are stored: `blob` where IndexedDB accepts Blobs, else `bytes` (ArrayBuffer). */
export type PartForm = 'blob' | 'bytes';
export type SealedPart = Blob | ArrayBuffer;

/** Encrypts a chunk's blob: the parts to store, each `iv ‖ ciphertext` in the given form. */
export async function seal(key: CryptoKey, chunk: Pick<JournalChunk, 'index' | 'start' | 'blob'>, form: PartForm = 'blob'): Promise<SealedPart[]> {
  const parts: SealedPart[] = [];
  for (let offset = 0, part = 0; offset < chunk.blob.size || part === 0; offset += PART_BYTES, part++) {
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const plain = await chunk.blob.slice(offset, offset + PART_BYTES).arrayBuffer();
    const sealed = await crypto.subtle.encrypt({ name: ALGORITHM, iv, additionalData: aad(chunk, part) }, key, plain);
    if (form === 'blob') {
      parts.push(new Blob([iv, sealed]));
    } else {
      const bytes = new Uint8Array(IV_BYTES + sealed.byteLength);
      bytes.set(iv);
      bytes.set(new Uint8Array(sealed), IV_BYTES);
      parts.push(bytes.buffer);
    }
  }
  return parts;
}

/** Decrypts what `seal()` made; rejects if any part was altered, reordered or sealed under another key. */
export async function unseal(key: CryptoKey, chunk: Pick<JournalChunk, 'index' | 'start'>, parts: readonly SealedPart[]): Promise<Blob> {
  const plain: ArrayBuffer[] = [];
  for (const [part, stored] of parts.entries()) {
    const bytes = new Uint8Array(stored instanceof Blob ? await stored.arrayBuffer() : stored);
    const iv = bytes.subarray(0, IV_BYTES);
    plain.push(await crypto.subtle.decrypt({ name: ALGORITHM, iv, additionalData: aad(chunk, part) }, key, bytes.subarray(IV_BYTES)));
  }
  return new Blob(plain);
}
