import { JOURNAL_MAX_AGE_MS } from '../constants.js';
import type { Journal, JournalChunk, JournalUpload } from './journal.js';

/**
 * IndexedDB journal (no library). Database `candid-journal`:
 * - `uploads`: JournalUpload by `id`, index `sessionId`
 * - `chunks`: `{ id, index, start, blob, at }` by `[id, index]`
 *
 * Chunk writes use `durability: 'strict'`: the transaction completes only once the data is flushed
 * to disk, so a chunk that was handed to the uploader survives a power cut too, not only a tab
 * crash (about 5–10 ms per chunk in Chromium; one write per recorder per timeslice).
 */
const DB_NAME = 'candid-journal';
const UPLOADS = 'uploads';
const CHUNKS = 'chunks';
const OPEN_TIMEOUT_MS = 3000;

interface StoredChunk extends JournalChunk {
  id: string;
}

const request = <T>(req: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

const completed = (tx: IDBTransaction): Promise<void> =>
  new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException('Transaction aborted', 'AbortError'));
  });

const chunkRange = (id: string) => IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]);

class IdbJournal implements Journal {
  readonly persistent = true;
  readonly #db: IDBDatabase;

  constructor(db: IDBDatabase) {
    this.#db = db;
    // Another tab upgrading the schema: let it, this one falls back to failing writes (logged).
    db.onversionchange = () => db.close();
  }

  #tx(stores: string[], mode: IDBTransactionMode = 'readwrite'): IDBTransaction {
    return this.#db.transaction(stores, mode, { durability: mode === 'readwrite' ? 'strict' : 'default' });
  }

  async put(upload: JournalUpload): Promise<void> {
    const tx = this.#tx([UPLOADS]);
    tx.objectStore(UPLOADS).put(upload);
    await completed(tx);
  }

  async appendChunk(uploadId: string, chunk: JournalChunk): Promise<void> {
    const tx = this.#tx([CHUNKS]);
    const stored: StoredChunk = { id: uploadId, ...chunk };
    tx.objectStore(CHUNKS).put(stored);
    await completed(tx);
  }

  async adopt(localId: string, upload: JournalUpload): Promise<void> {
    const tx = this.#tx([UPLOADS, CHUNKS]);
    const chunks = tx.objectStore(CHUNKS);
    const uploads = tx.objectStore(UPLOADS);
    // All requests are queued from within request callbacks, so the transaction stays active.
    const read = chunks.getAll(chunkRange(localId));
    read.onsuccess = () => {
      for (const chunk of read.result as StoredChunk[]) chunks.put({ ...chunk, id: upload.id });
      chunks.delete(chunkRange(localId));
      uploads.delete(localId);
      uploads.put(upload);
    };
    await completed(tx);
  }

  async uploads(sessionId: string): Promise<JournalUpload[]> {
    const tx = this.#tx([UPLOADS], 'readonly');
    return request(tx.objectStore(UPLOADS).index('sessionId').getAll(sessionId) as IDBRequest<JournalUpload[]>);
  }

  async chunks(uploadId: string): Promise<JournalChunk[]> {
    const tx = this.#tx([CHUNKS], 'readonly');
    const stored = await request(tx.objectStore(CHUNKS).getAll(chunkRange(uploadId)) as IDBRequest<StoredChunk[]>);
    return stored.map(({ index, start, blob, at }) => ({ index, start, blob, at }));
  }

  async remove(uploadIds: readonly string[]): Promise<void> {
    if (uploadIds.length === 0) return;
    const tx = this.#tx([UPLOADS, CHUNKS]);
    for (const id of uploadIds) {
      tx.objectStore(UPLOADS).delete(id);
      tx.objectStore(CHUNKS).delete(chunkRange(id));
    }
    await completed(tx);
  }

  /** Deletes takes older than `JOURNAL_MAX_AGE_MS` (abandoned on a shared computer). */
  async prune(now = Date.now()): Promise<void> {
    const tx = this.#tx([UPLOADS], 'readonly');
    const all = await request(tx.objectStore(UPLOADS).getAll() as IDBRequest<JournalUpload[]>);
    await this.remove(all.filter((u) => now - u.createdAt > JOURNAL_MAX_AGE_MS).map((u) => u.id));
  }

  /** Proves that Blobs can be stored (some private modes open the database but refuse Blobs). */
  async probe(): Promise<void> {
    const id = 'probe';
    await this.appendChunk(id, { index: 0, start: 0, blob: new Blob([new Uint8Array(1)]), at: 0 });
    await this.remove([id]);
  }
}

export async function openIdbJournal(): Promise<Journal> {
  const idb = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!idb) throw new Error('indexedDB is not defined');
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`opening ${DB_NAME} timed out`)), OPEN_TIMEOUT_MS);
    const open = idb.open(DB_NAME, 1);
    open.onupgradeneeded = () => {
      const db = open.result;
      db.createObjectStore(UPLOADS, { keyPath: 'id' }).createIndex('sessionId', 'sessionId');
      db.createObjectStore(CHUNKS, { keyPath: ['id', 'index'] });
    };
    open.onsuccess = () => {
      clearTimeout(timer);
      resolve(open.result);
    };
    open.onerror = () => {
      clearTimeout(timer);
      reject(open.error);
    };
  });
  const journal = new IdbJournal(db);
  await journal.probe();
  await journal.prune();
  return journal;
}
