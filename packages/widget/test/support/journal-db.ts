// Reads the widget's IndexedDB journal from the test page (same origin, same database), to see what
// a reload or a closed tab would leave behind.
import type { JournalUpload } from '../../src/journal/journal.js';

/** The journal as the widget left it (same origin, same IndexedDB). */
export async function journaled(sessionId: string): Promise<JournalUpload[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('candid-journal');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  try {
    if (!db.objectStoreNames.contains('uploads')) return [];
    return await new Promise((resolve, reject) => {
      const req = db.transaction('uploads').objectStore('uploads').index('sessionId').getAll(sessionId);
      req.onsuccess = () => resolve(req.result as JournalUpload[]);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}


const openRaw = (name = 'candid-journal') =>
  new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });

/** Every record of every store of the journal database, as stored (no decryption). */
export async function rawJournal(name?: string): Promise<Record<string, unknown[]>> {
  const db = await openRaw(name);
  try {
    const stores = [...db.objectStoreNames];
    const out: Record<string, unknown[]> = {};
    for (const name of stores) {
      out[name] = await new Promise((resolve, reject) => {
        const req = db.transaction(name).objectStore(name).getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    }
    return out;
  } finally {
    db.close();
  }
}

/** Every byte sequence inside a stored value (Blobs, ArrayBuffers, typed arrays, at any depth). */
export async function storedBytes(value: unknown, out: Uint8Array[] = []): Promise<Uint8Array[]> {
  if (value instanceof Blob) out.push(new Uint8Array(await value.arrayBuffer()));
  else if (value instanceof ArrayBuffer) out.push(new Uint8Array(value));
  else if (ArrayBuffer.isView(value)) out.push(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  else if (Array.isArray(value)) for (const v of value) await storedBytes(v, out);
  else if (value && typeof value === 'object' && !(value instanceof CryptoKey)) for (const v of Object.values(value)) await storedBytes(v, out);
  return out;
}

export const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Looks for recorded media in the journal database as it is on disk: the WebM/EBML magic
 * (1a45dfa3) plus what follows it in the first recorded chunk, 16-byte windows from the start,
 * middle and end of every recorded chunk, and each chunk's SHA-256 among the stored byte
 * sequences. Returns what was found (empty: no plaintext media).
 */
export async function plaintextInJournal(recorded: Blob[]): Promise<string[]> {
  const raw = await rawJournal();
  const stored = await storedBytes(raw);
  const haystack = stored.map(hex).join('|');
  const digest = async (b: Uint8Array) => hex(new Uint8Array(await crypto.subtle.digest('SHA-256', b as Uint8Array<ArrayBuffer>)));
  const storedHashes = new Set(await Promise.all(stored.map((b) => digest(b))));
  const found: string[] = [];
  if (haystack.includes('1a45dfa3')) {
    // 4 random bytes match by chance about once in 4 GiB of ciphertext: the EBML header's next bytes decide.
    const first = recorded[0] ? hex(new Uint8Array(await recorded[0].slice(0, 16).arrayBuffer())) : '';
    if (first.startsWith('1a45dfa3') && haystack.includes(first)) found.push(`the WebM header ${first}`);
  }
  for (const [i, blob] of recorded.entries()) {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    if (storedHashes.has(await digest(bytes))) found.push(`chunk ${i} (its SHA-256)`);
    for (const at of [0, Math.floor(bytes.length / 2), bytes.length - 16]) {
      if (at < 0 || bytes.length < 16) continue;
      if (haystack.includes(hex(bytes.subarray(at, at + 16)))) found.push(`chunk ${i}, bytes ${at}–${at + 16}`);
    }
  }
  return found;
}

/** What the journal database holds for a session: upload records, chunk rows (by `sid`) and its key. */
export async function journalFootprint(sessionId: string): Promise<{ uploads: number; chunks: number; key: boolean }> {
  const raw = await rawJournal();
  return {
    uploads: (raw.uploads ?? []).filter((u) => (u as JournalUpload).sessionId === sessionId).length,
    chunks: (raw.chunks ?? []).filter((c) => (c as { sid?: string }).sid === sessionId).length,
    key: (raw.keys ?? []).some((k) => (k as { sessionId: string }).sessionId === sessionId),
  };
}
