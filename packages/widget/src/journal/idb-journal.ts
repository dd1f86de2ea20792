import { JOURNAL_MAX_AGE_MS } from '../constants.js';
import { devlog } from '../internal/devlog.js';
import type { Journal, JournalChunk, JournalUpload } from './journal.js';
import { type PartForm, type SealedPart, newKey, seal, unseal } from './journal-crypto.js';

/**
 * IndexedDB journal (no library). Database `candid-journal`, version 2:
 * - `uploads`: JournalUpload by `id`, index `sessionId`
 * - `chunks`: `{ id, index, start, at, sid, parts }` by `[id, index]`, index `sid`; `parts` is the
 *   chunk's blob ENCRYPTED under its session's key (see `journal-crypto.ts`): no media in clear
 * - `keys`: `{ sessionId, key }`, a non-extractable AES-GCM `CryptoKey` per session
 *
 * A session has a key exactly while it has uploads in the journal: `put()` adds the key in the
 * same transaction as the upload, `remove()` deletes it in the same transaction as the session's
 * last upload, with every chunk of the session (crypto-shredding for whatever the disk keeps).
 *
 * Chunk writes use `durability: 'strict'`: the transaction completes only once the data is flushed
 * to disk, so a chunk that was handed to the uploader survives a power cut too, not only a tab
 * crash (about 5–10 ms per chunk in Chromium; one write per recorder per timeslice). The chunk is
 * encrypted before its transaction starts (well under a millisecond for a one-second chunk).
 *
 * Version 1 stored chunks in clear (`blob`): they are encrypted when the database is upgraded.
 */
const DB_NAME = 'candid-journal';
const DB_VERSION = 2;
const UPLOADS = 'uploads';
const CHUNKS = 'chunks';
const KEYS = 'keys';
const OPEN_TIMEOUT_MS = 3000;

interface StoredChunk {
  id: string;
  index: number;
  start: number;
  at: number;
  /** The session whose key encrypted `parts`. */
  sid?: string;
  /** Blobs, or ArrayBuffers where IndexedDB refuses Blobs (see `probe`). */
  parts?: SealedPart[];
  /** Version 1 only: the chunk in clear (encrypted by the upgrade). */
  blob?: Blob;
}

interface StoredKey {
  sessionId: string;
  key: CryptoKey;
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

/** Whether a journaled take can be deleted: its session expired, or it is older than `JOURNAL_MAX_AGE_MS`. */
const stale = (u: JournalUpload, now: number) => now - u.createdAt > JOURNAL_MAX_AGE_MS || (u.expiresAt !== undefined && u.expiresAt <= now);

class IdbJournal implements Journal {
  readonly persistent = true;
  readonly #db: IDBDatabase;
  /** Session of each upload seen by this page (its chunks are encrypted under that session's key). */
  readonly #sessionOf = new Map<string, string>();
  /** Session keys as stored in `keys` (forgotten when the stored key is deleted). */
  readonly #keys = new Map<string, CryptoKey>();
  /** Blobs unless this browser's IndexedDB refuses them (decided by `probe`). */
  #partForm: PartForm = 'blob';

  constructor(db: IDBDatabase) {
    this.#db = db;
    // Another tab upgrading the schema: let it, this one falls back to failing writes (logged).
    db.onversionchange = () => db.close();
  }

  #tx(stores: string[], mode: IDBTransactionMode = 'readwrite'): IDBTransaction {
    return this.#db.transaction(stores, mode, { durability: mode === 'readwrite' ? 'strict' : 'default' });
  }

  /**
   * Within `tx` (with `keys`): the session's stored key, or else `candidate`, stored now. The
   * returned holder has the key once the request has run (read it after the transaction completes).
   */
  #keyIn(tx: IDBTransaction, sessionId: string, candidate: CryptoKey): { key?: CryptoKey } {
    const holder: { key?: CryptoKey } = {};
    const keys = tx.objectStore(KEYS);
    const read = keys.get(sessionId);
    read.onsuccess = () => {
      const found = read.result as StoredKey | undefined;
      if (!found) keys.put({ sessionId, key: candidate } satisfies StoredKey);
      holder.key = found?.key ?? candidate;
    };
    return holder;
  }

  /** The session's key, created (and stored) if it has none. */
  async #keyFor(sessionId: string): Promise<CryptoKey> {
    const cached = this.#keys.get(sessionId);
    if (cached) return cached;
    const candidate = await newKey();
    const tx = this.#tx([KEYS]);
    const holder = this.#keyIn(tx, sessionId, candidate);
    await completed(tx);
    this.#keys.set(sessionId, holder.key!);
    return holder.key!;
  }

  async #sessionOfUpload(uploadId: string): Promise<string | undefined> {
    const known = this.#sessionOf.get(uploadId);
    if (known) return known;
    const tx = this.#tx([UPLOADS], 'readonly');
    const record = await request(tx.objectStore(UPLOADS).get(uploadId) as IDBRequest<JournalUpload | undefined>);
    if (record) this.#sessionOf.set(uploadId, record.sessionId);
    return record?.sessionId;
  }

  async put(upload: JournalUpload): Promise<void> {
    const candidate = await newKey(); // cheap; used only if the session has no key yet
    const tx = this.#tx([UPLOADS, KEYS]);
    tx.objectStore(UPLOADS).put(upload);
    const holder = this.#keyIn(tx, upload.sessionId, candidate);
    await completed(tx);
    this.#sessionOf.set(upload.id, upload.sessionId);
    this.#keys.set(upload.sessionId, holder.key!);
  }

  async appendChunk(uploadId: string, chunk: JournalChunk): Promise<void> {
    const sid = await this.#sessionOfUpload(uploadId);
    if (!sid) throw new Error(`no journal entry for upload ${uploadId}`);
    const parts = await seal(await this.#keyFor(sid), chunk, this.#partForm);
    const tx = this.#tx([CHUNKS]);
    const stored: StoredChunk = { id: uploadId, index: chunk.index, start: chunk.start, at: chunk.at, sid, parts };
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
    this.#sessionOf.set(upload.id, upload.sessionId);
  }

  async uploads(sessionId: string): Promise<JournalUpload[]> {
    const tx = this.#tx([UPLOADS], 'readonly');
    const found = await request(tx.objectStore(UPLOADS).index('sessionId').getAll(sessionId) as IDBRequest<JournalUpload[]>);
    for (const u of found) this.#sessionOf.set(u.id, u.sessionId);
    return found;
  }

  async chunks(uploadId: string): Promise<JournalChunk[]> {
    const tx = this.#tx([CHUNKS, KEYS], 'readonly');
    // Parts are Blobs: reading the rows reads no media; each part is read as it is decrypted.
    const stored = await request(tx.objectStore(CHUNKS).getAll(chunkRange(uploadId)) as IDBRequest<StoredChunk[]>);
    const sid = stored.find((c) => c.sid)?.sid;
    const key = sid ? (this.#keys.get(sid) ?? (await this.#storedKey(sid))) : undefined;
    const chunks: JournalChunk[] = [];
    for (const { index, start, at, parts, blob } of stored) {
      try {
        if (blob) chunks.push({ index, start, blob, at }); // version 1, not yet upgraded (another tab)
        else if (key && parts) chunks.push({ index, start, at, blob: await unseal(key, { index, start }, parts) });
        else throw new Error('no key');
      } catch (err) {
        // Unreadable (key gone, altered bytes): the prefix before it is what can be trusted.
        devlog('JOURNAL_UNREADABLE', `Chunk ${index} of journaled upload ${uploadId} cannot be decrypted (${String(err)}); its prefix is kept.`);
        break;
      }
    }
    return chunks;
  }

  async #storedKey(sessionId: string): Promise<CryptoKey | undefined> {
    const tx = this.#tx([KEYS], 'readonly');
    return (await request(tx.objectStore(KEYS).get(sessionId) as IDBRequest<StoredKey | undefined>))?.key;
  }

  async remove(uploadIds: readonly string[]): Promise<void> {
    if (uploadIds.length === 0) return;
    const tx = this.#tx([UPLOADS, CHUNKS, KEYS]);
    const uploads = tx.objectStore(UPLOADS);
    const sessions = new Set<string>();
    for (const id of uploadIds) {
      const read = uploads.get(id);
      read.onsuccess = () => {
        const sid = (read.result as JournalUpload | undefined)?.sessionId ?? this.#sessionOf.get(id);
        if (sid) sessions.add(sid);
      };
      uploads.delete(id);
      tx.objectStore(CHUNKS).delete(chunkRange(id));
      this.#sessionOf.delete(id);
    }
    // Requests run in order: this one answers after every read above.
    uploads.count().onsuccess = () => {
      for (const sid of sessions) this.#shredIfUnused(tx, sid);
    };
    await completed(tx);
  }

  /**
   * Within `tx` (all stores): if the session has no upload left, deletes its key and every chunk
   * still stored under it (a late write, a crash between two deletions).
   */
  #shredIfUnused(tx: IDBTransaction, sid: string): void {
    const count = tx.objectStore(UPLOADS).index('sessionId').count(sid);
    count.onsuccess = () => {
      if (count.result > 0) return;
      this.#keys.delete(sid);
      tx.objectStore(KEYS).delete(sid);
      const chunks = tx.objectStore(CHUNKS);
      const orphans = chunks.index('sid').getAllKeys(sid);
      orphans.onsuccess = () => {
        for (const key of orphans.result) chunks.delete(key);
      };
    };
  }

  /**
   * On opening: deletes every take whose session has expired (recorded with the take) or that is
   * older than `JOURNAL_MAX_AGE_MS`, whichever session it belongs to (abandoned on a shared
   * computer), then keys and chunks that no upload refers to.
   */
  async prune(now = Date.now()): Promise<void> {
    const tx = this.#tx([UPLOADS], 'readonly');
    const all = await request(tx.objectStore(UPLOADS).getAll() as IDBRequest<JournalUpload[]>);
    await this.remove(all.filter((u) => stale(u, now)).map((u) => u.id));
    const sweep = this.#tx([UPLOADS, CHUNKS, KEYS]);
    const sessions = new Set<string>();
    const keys = sweep.objectStore(KEYS).getAllKeys();
    keys.onsuccess = () => {
      for (const sid of keys.result) sessions.add(String(sid));
      const cursor = sweep.objectStore(CHUNKS).index('sid').openKeyCursor(null, 'nextunique');
      cursor.onsuccess = () => {
        const at = cursor.result;
        if (at) {
          sessions.add(String(at.key));
          at.continue();
        } else for (const sid of sessions) this.#shredIfUnused(sweep, sid);
      };
    };
    await completed(sweep);
  }

  /** Version 1 chunks (in clear) are encrypted under their session's key; chunks of no upload are deleted. */
  async upgradeV1(): Promise<void> {
    const all = await request(this.#tx([UPLOADS], 'readonly').objectStore(UPLOADS).getAll() as IDBRequest<JournalUpload[]>);
    for (const upload of all) {
      const rows = await request(this.#tx([CHUNKS], 'readonly').objectStore(CHUNKS).getAll(chunkRange(upload.id)) as IDBRequest<StoredChunk[]>);
      const key = await this.#keyFor(upload.sessionId);
      for (const { id, index, start, at, blob } of rows) {
        if (!blob) continue;
        const stored: StoredChunk = { id, index, start, at, sid: upload.sessionId, parts: await seal(key, { index, start, blob }, this.#partForm) };
        const tx = this.#tx([CHUNKS]);
        tx.objectStore(CHUNKS).put(stored);
        await completed(tx);
      }
    }
    const ids = new Set(all.map((u) => u.id));
    const tx = this.#tx([CHUNKS]);
    const chunks = tx.objectStore(CHUNKS);
    const keys = chunks.getAllKeys();
    keys.onsuccess = () => {
      for (const key of keys.result) if (!ids.has(String((key as [string, number])[0]))) chunks.delete(key);
    };
    await completed(tx);
  }

  /**
   * Proves that the journal works here: a key is stored and read back as a `CryptoKey`, and an
   * encrypted chunk is stored and decrypted. Some private modes (WebKit's, and its automation
   * profile) open the database but refuse Blobs: chunks are then stored as ArrayBuffers, which
   * every engine accepts. Leaves nothing behind.
   */
  async probe(): Promise<void> {
    try {
      await this.#probeOnce();
    } catch (blobRefused) {
      this.#partForm = 'bytes';
      try {
        await this.#probeOnce();
      } catch {
        throw blobRefused;
      }
      devlog('JOURNAL_BYTES', `IndexedDB refuses Blobs here (${String(blobRefused)}); journaled chunks are stored as ArrayBuffers.`, 'info');
    }
  }

  /** Which form chunks are stored in (for tests and diagnostics). */
  get partForm(): PartForm {
    return this.#partForm;
  }

  async #probeOnce(): Promise<void> {
    const id = `probe_${Math.random().toString(36).slice(2)}`; // another tab may probe at the same time
    const record: JournalUpload = { id, uploadUrl: null, endpoint: '', sessionId: id, questionId: '', attempt: 0, track: 'audio', mimeType: '', stopped: false, createdAt: Date.now() };
    try {
      await this.put(record);
      this.#keys.delete(id); // read back the stored key, not the one in memory
      await this.appendChunk(id, { index: 0, start: 0, blob: new Blob([new Uint8Array([42])]), at: 0 });
      const [chunk] = await this.chunks(id);
      if (new Uint8Array(await chunk!.blob.arrayBuffer())[0] !== 42) throw new Error('the probe chunk did not read back');
    } finally {
      await this.remove([id]);
    }
  }
}

/** Opens (creating or upgrading) the journal database; `name` only for tests. */
export async function openIdbJournal(name = DB_NAME): Promise<Journal> {
  const idb = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!idb) throw new Error('indexedDB is not defined');
  if (!globalThis.crypto?.subtle) throw new Error('WebCrypto is unavailable (not a secure context)');
  let fromV1 = false;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`opening ${name} timed out`)), OPEN_TIMEOUT_MS);
    const open = idb.open(name, DB_VERSION);
    open.onupgradeneeded = () => {
      const db = open.result;
      const tx = open.transaction!;
      fromV1 = db.objectStoreNames.contains(CHUNKS);
      if (!db.objectStoreNames.contains(UPLOADS)) db.createObjectStore(UPLOADS, { keyPath: 'id' }).createIndex('sessionId', 'sessionId');
      const chunks = fromV1 ? tx.objectStore(CHUNKS) : db.createObjectStore(CHUNKS, { keyPath: ['id', 'index'] });
      if (!chunks.indexNames.contains('sid')) chunks.createIndex('sid', 'sid');
      if (!db.objectStoreNames.contains(KEYS)) db.createObjectStore(KEYS, { keyPath: 'sessionId' });
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
  if (fromV1) await journal.upgradeV1();
  await journal.prune();
  return journal;
}
