import { expect } from '@esm-bundle/chai';
import { CandidApi } from '../src/api/candid-api.js';
import { MemoryJournal, openJournal, resetJournalForTests, type Journal, type JournalChunk, type JournalUpload } from '../src/journal/journal.js';
import { JournaledUpload } from '../src/journal/journaled-upload.js';
import { openIdbJournal } from '../src/journal/idb-journal.js';
import { seal } from '../src/journal/journal-crypto.js';
import { consentOverHttp, createSession, delay, firstBytesHex, recordSample, sha256Hex, waitFor, warmUpServer } from './support/helpers.js';
import { journalFootprint, plaintextInJournal, rawJournal } from './support/journal-db.js';

const record = (id: string, sessionId = 'ses_test'): JournalUpload => ({
  id,
  uploadUrl: null,
  endpoint: 'http://example.test/candid',
  sessionId,
  questionId: 'q1',
  attempt: 1,
  track: 'video',
  mimeType: 'video/webm',
  stopped: false,
  createdAt: Date.now(),
});
const chunk = (index: number, start: number, text: string): JournalChunk => ({ index, start, blob: new Blob([text]), at: Date.now() });
const text = (chunks: JournalChunk[]) => Promise.all(chunks.map((c) => c.blob.text()));

describe('journal (IndexedDB)', () => {
  afterEach(() => resetJournalForTests());

  it('stores uploads and their chunks, finds them by session, adopts a provisional id atomically, removes', async () => {
    const journal = await openJournal();
    expect(journal.persistent).to.equal(true);
    const sessionId = `ses_${Math.random().toString(36).slice(2)}`;
    await journal.put(record('local_1', sessionId));
    // Written out of order: read back in index order.
    await journal.appendChunk('local_1', chunk(1, 3, 'def'));
    await journal.appendChunk('local_1', chunk(0, 0, 'abc'));
    expect(await text(await journal.chunks('local_1'))).to.deep.equal(['abc', 'def']);

    await journal.adopt('local_1', { ...record('upl_1', sessionId), uploadUrl: 'http://example.test/candid/v1/uploads/upl_1' });
    expect(await journal.chunks('local_1')).to.deep.equal([]);
    expect(await text(await journal.chunks('upl_1'))).to.deep.equal(['abc', 'def']);
    const uploads = await journal.uploads(sessionId);
    expect(uploads.map((u) => [u.id, u.uploadUrl])).to.deep.equal([['upl_1', 'http://example.test/candid/v1/uploads/upl_1']]);
    expect(await journal.uploads('ses_other')).to.deep.equal([]);

    // Stored encrypted, under the session's key, which lives exactly as long as its uploads.
    const rows = (await rawJournal()).chunks!.filter((c) => (c as { id: string }).id === 'upl_1') as Array<Record<string, unknown>>;
    expect(rows.map((r) => [r.sid, 'blob' in r, Array.isArray(r.parts)])).to.deep.equal([[sessionId, false, true], [sessionId, false, true]]);
    expect(await journalFootprint(sessionId)).to.deep.equal({ uploads: 1, chunks: 2, key: true });

    await journal.remove(['upl_1']);
    expect(await journal.uploads(sessionId)).to.deep.equal([]);
    expect(await journal.chunks('upl_1')).to.deep.equal([]);
    expect(await journalFootprint(sessionId), 'key deleted with the last upload').to.deep.equal({ uploads: 0, chunks: 0, key: false });
  });

  it('keeps the prefix before a chunk that does not decrypt (altered or moved)', async () => {
    const journal = await openJournal();
    const sessionId = `ses_${Math.random().toString(36).slice(2)}`;
    await journal.put(record('upl_tamper', sessionId));
    for (const [i, t] of ['abc', 'def', 'ghi'].entries()) await journal.appendChunk('upl_tamper', chunk(i, i * 3, t));
    // Chunk 2's parts stored as chunk 1: the additional data (index, offset) no longer matches.
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('candid-journal');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('chunks', 'readwrite');
      const store = tx.objectStore('chunks');
      const third = store.get(['upl_tamper', 2]);
      third.onsuccess = () => store.put({ ...third.result, index: 1, start: 3 });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    expect(await text(await journal.chunks('upl_tamper'))).to.deep.equal(['abc']);
    await journal.remove(['upl_tamper']);
  });

  it('deletes, when it opens, every take of an expired session (and takes older than 30 days), whatever the session', async () => {
    let journal = await openJournal();
    const now = Date.now();
    const expired = `ses_expired_${Math.random().toString(36).slice(2)}`;
    const alive = `ses_alive_${Math.random().toString(36).slice(2)}`;
    const ancient = `ses_ancient_${Math.random().toString(36).slice(2)}`;
    const takes: Array<[string, JournalUpload]> = [
      [expired, { ...record(`upl_${expired}`, expired), expiresAt: now - 1000 }],
      [alive, { ...record(`upl_${alive}`, alive), expiresAt: now + 3_600_000 }],
      [ancient, { ...record(`upl_${ancient}`, ancient), createdAt: now - 31 * 24 * 3600 * 1000 }],
    ];
    for (const [, upload] of takes) {
      await journal.put(upload);
      await journal.appendChunk(upload.id, chunk(0, 0, 'media'));
    }
    for (const [sessionId] of takes) expect(await journalFootprint(sessionId)).to.deep.equal({ uploads: 1, chunks: 1, key: true });

    resetJournalForTests(); // the next page load
    journal = await openJournal();
    expect(await journalFootprint(expired), 'expired session').to.deep.equal({ uploads: 0, chunks: 0, key: false });
    expect(await journalFootprint(ancient), 'take older than 30 days').to.deep.equal({ uploads: 0, chunks: 0, key: false });
    expect(await journalFootprint(alive), 'session still open').to.deep.equal({ uploads: 1, chunks: 1, key: true });
    expect(await text(await journal.chunks(`upl_${alive}`))).to.deep.equal(['media']);
    await journal.remove([`upl_${alive}`]);
  });

  it('encrypts the chunks a version-1 journal stored in clear when it upgrades', async () => {
    const name = `candid-journal-upgrade-${Math.random().toString(36).slice(2)}`;
    const v1 = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name, 1);
      open.onupgradeneeded = () => {
        open.result.createObjectStore('uploads', { keyPath: 'id' }).createIndex('sessionId', 'sessionId');
        open.result.createObjectStore('chunks', { keyPath: ['id', 'index'] });
      };
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = v1.transaction(['uploads', 'chunks'], 'readwrite');
      tx.objectStore('uploads').put(record('upl_v1', 'ses_v1'));
      tx.objectStore('chunks').put({ id: 'upl_v1', ...chunk(0, 0, 'abc') });
      tx.objectStore('chunks').put({ id: 'upl_v1', ...chunk(1, 3, 'def') });
      tx.objectStore('chunks').put({ id: 'upl_gone', ...chunk(0, 0, 'orphan') });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    v1.close();
    const journal = await openIdbJournal(name);
    expect(await text(await journal.chunks('upl_v1'))).to.deep.equal(['abc', 'def']);
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const rows = await new Promise<Array<Record<string, unknown>>>((resolve, reject) => {
      const req = db.transaction('chunks').objectStore('chunks').getAll();
      req.onsuccess = () => resolve(req.result as Array<Record<string, unknown>>);
      req.onerror = () => reject(req.error);
    });
    db.close();
    expect(rows.map((r) => [r.id, r.index, 'blob' in r, r.sid])).to.deep.equal([['upl_v1', 0, false, 'ses_v1'], ['upl_v1', 1, false, 'ses_v1']]);
    await new Promise((resolve) => {
      const del = indexedDB.deleteDatabase(name); // the journal's connection closes on versionchange
      del.onsuccess = del.onerror = del.onblocked = resolve;
    });
  });

  it('write overhead of encryption: one-second chunks at the bitrate cap, strict durability', async function () {
    this.timeout(60000);
    // 200 kB of random bytes (incompressible, like video): a one-second chunk at 1.5 Mbit/s.
    const size = 200_000;
    const count = 30;
    const blobs = Array.from({ length: count }, () => {
      const bytes = new Uint8Array(size);
      for (let i = 0; i < size; i += 65536) crypto.getRandomValues(bytes.subarray(i, Math.min(size, i + 65536)));
      return new Blob([bytes], { type: 'video/webm' });
    });
    const name = `candid-journal-bench-${Math.random().toString(36).slice(2)}`;
    // Baseline: what version 1 did, the Blob itself in one strict transaction.
    const plainDb = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(`${name}-plain`, 1);
      open.onupgradeneeded = () => open.result.createObjectStore('chunks', { keyPath: ['id', 'index'] });
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const plainWrite = (index: number, blob: Blob) =>
      new Promise<void>((resolve, reject) => {
        const tx = plainDb.transaction(['chunks'], 'readwrite', { durability: 'strict' });
        tx.objectStore('chunks').put({ id: 'upl_bench', index, start: index * size, blob, at: Date.now() });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
    const opening = performance.now();
    const journal = await openIdbJournal(name); // creates the database, probes, prunes
    const openMs = performance.now() - opening;
    await journal.put(record('upl_bench', 'ses_bench'));
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const plain: number[] = [];
    const sealed: number[] = [];
    const sealOnly: number[] = [];
    const time = async (op: () => Promise<unknown>, into: number[]) => {
      const t0 = performance.now();
      await op();
      into.push(performance.now() - t0);
    };
    // Interleaved, so the machine's load weighs on both alike.
    for (const [index, blob] of blobs.entries()) {
      await time(() => plainWrite(index, blob), plain);
      await time(() => journal.appendChunk('upl_bench', { index, start: index * size, blob, at: Date.now() }), sealed);
      await time(() => seal(key, { index, start: index * size, blob }), sealOnly);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const fmt = (xs: number[]) => `median ${median(xs).toFixed(1)} ms, mean ${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1)} ms`;
    console.log(
      `[journal bench] ${count} chunks of ${size / 1000} kB: plaintext Blob write ${fmt(plain)}; encrypted write ${fmt(sealed)}; ` +
        `of which encryption ${fmt(sealOnly)}; overhead ${(median(sealed) - median(plain)).toFixed(1)} ms per chunk (median); new journal opened (probe, prune) in ${openMs.toFixed(1)} ms`,
    );
    // Read back: every chunk decrypts to the bytes written.
    const back = await journal.chunks('upl_bench');
    expect(back).to.have.length(count);
    expect(await sha256Hex(new Blob(back.map((c) => c.blob)))).to.equal(await sha256Hex(new Blob(blobs)));
    // Well inside the one second a chunk stands for.
    expect(median(sealed)).to.be.below(250);
    plainDb.close();
    await journal.remove(['upl_bench']);
    for (const db of [name, `${name}-plain`]) {
      await new Promise((resolve) => {
        const del = indexedDB.deleteDatabase(db);
        del.onsuccess = del.onerror = del.onblocked = resolve;
      });
    }
  });

  it('stores chunks as ArrayBuffers where IndexedDB refuses Blobs (WebKit private browsing), and reads them back after a reopen', async () => {
    // WebKit's private mode (and its automation profile) opens the database but refuses any value
    // holding a Blob: "UnknownError: Error preparing Blob/File data to be stored in object store".
    const realPut = IDBObjectStore.prototype.put;
    const holdsBlob = (value: unknown): boolean =>
      value instanceof Blob || (Array.isArray(value) ? value.some(holdsBlob) : typeof value === 'object' && value !== null && Object.values(value).some(holdsBlob));
    let refused = 0;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (holdsBlob(value)) {
        refused++;
        throw new DOMException('Error preparing Blob/File data to be stored in object store', 'UnknownError');
      }
      return realPut.call(this, value, key);
    };
    const name = `candid-journal-no-blobs-${Math.random().toString(36).slice(2)}`;
    try {
      const journal = await openIdbJournal(name);
      expect(refused, 'the Blob probe was refused').to.be.greaterThan(0);
      expect(journal.persistent).to.equal(true);
      expect((journal as unknown as { partForm: string }).partForm).to.equal('bytes');
      const sessionId = `ses_${Math.random().toString(36).slice(2)}`;
      await journal.put(record('upl_bytes', sessionId));
      for (const [i, t] of ['abc', 'def'].entries()) await journal.appendChunk('upl_bytes', chunk(i, i * 3, t));

      // A reload: a new page opens the same database and resumes from what it finds.
      const reopened = await openIdbJournal(name);
      expect((await reopened.uploads(sessionId)).map((u) => u.id)).to.deep.equal(['upl_bytes']);
      expect(await text(await reopened.chunks('upl_bytes'))).to.deep.equal(['abc', 'def']);
      const rows = (await rawJournal(name)).chunks as Array<{ parts: unknown[] }>;
      expect(rows.every((r) => r.parts.every((p) => p instanceof ArrayBuffer)), 'parts stored as ArrayBuffers').to.equal(true);
    } finally {
      IDBObjectStore.prototype.put = realPut;
      await new Promise((resolve) => {
        const del = indexedDB.deleteDatabase(name);
        del.onsuccess = del.onerror = del.onblocked = resolve;
      });
    }
  });

  it('falls back to memory when IndexedDB is unavailable, and says so once in the console', async () => {
    const descriptor = Object.getOwnPropertyDescriptor(window, 'indexedDB')!;
    const realWarn = console.warn;
    const warnings: string[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    Object.defineProperty(window, 'indexedDB', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    try {
      resetJournalForTests();
      const journal = await openJournal();
      expect(journal.persistent).to.equal(false);
      expect(journal).to.be.instanceOf(MemoryJournal);
      expect(warnings.some((w) => w.includes('JOURNAL_IN_MEMORY'))).to.equal(true);
      await journal.put(record('local_m'));
      await journal.appendChunk('local_m', chunk(0, 0, 'x'));
      expect(await text(await journal.chunks('local_m'))).to.deep.equal(['x']);
    } finally {
      Object.defineProperty(window, 'indexedDB', descriptor);
      console.warn = realWarn;
    }
  });
});

/** Delegates to a journal, logs every completed write, and can slow writes down. */
function loggingJournal(inner: Journal, log: string[], writeDelayMs = 0): Journal {
  return {
    persistent: inner.persistent,
    put: (u) => inner.put(u),
    async appendChunk(id, c) {
      await delay(writeDelayMs);
      await inner.appendChunk(id, c);
      log.push(`journaled ${c.start}-${c.start + c.blob.size} under ${id.slice(0, 5)}`);
    },
    async adopt(localId, u) {
      await inner.adopt(localId, u);
      log.push(`adopted ${u.id.slice(0, 4)}`);
    },
    uploads: (s) => inner.uploads(s),
    chunks: (id) => inner.chunks(id),
    remove: (ids) => inner.remove(ids),
  };
}

describe('JournaledUpload (real server)', function () {
  this.timeout(30000);
  let chunks: Blob[] = [];
  const realFetch = globalThis.fetch;
  before(async function () {
    this.timeout(90000);
    await warmUpServer(); // its cold start can outlast one 20 s command on a loaded machine
    chunks = await recordSample(2200, 400);
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('journals every chunk before it is sent; chunks made before the POST answers are moved to the server id', async () => {
    const session = await createSession();
    await consentOverHttp(session);
    const log: string[] = [];
    // The creation POST answers slowly, so the first chunks are journaled under a provisional id.
    globalThis.fetch = async (input, init) => {
      const req = new Request(input, init);
      if (req.method === 'POST' && req.url.endsWith('/v1/uploads')) await delay(600);
      const res = await realFetch(input, init);
      if (req.method === 'PATCH') {
        const offset = Number(req.headers.get('Upload-Offset'));
        const size = init?.body instanceof Blob ? init.body.size : 0;
        if (size > 0) log.push(`sent ${offset}-${offset + size}`);
      }
      return res;
    };
    const journal = loggingJournal(new MemoryJournal(), log, 30);
    const api = new CandidApi({ endpoint: session.endpoint, token: session.token });
    const upload = JournaledUpload.begin(journal, api, {
      endpoint: session.endpoint,
      sessionId: session.sessionId,
      questionId: 'q1',
      attempt: 1,
      track: 'video',
      mimeType: 'video/webm',
    });
    for (const c of chunks) {
      upload.append(c);
      await delay(50);
    }
    await upload.stop({ durationMs: 2200 });

    // Every byte range was journaled before the PATCH that carried it.
    for (const [i, entry] of log.entries()) {
      if (!entry.startsWith('sent')) continue;
      const range = entry.slice(5);
      const journaledAt = log.findIndex((e) => e.startsWith(`journaled ${range}`));
      expect(journaledAt, `${range} journaled before sent`).to.be.within(0, i - 1);
    }
    expect(log.some((e) => e.endsWith('under local')), 'early chunks under the provisional id').to.equal(true);
    expect(log.filter((e) => e.startsWith('adopted'))).to.deep.equal(['adopted upl_']);
    const [entry] = await journal.uploads(session.sessionId);
    expect(entry).to.include({ id: upload.record.id, stopped: true, totalBytes: upload.bytesRecorded });
    expect(entry!.id).to.match(/^upl_/);
    const journaledChunks = await journal.chunks(entry!.id);
    expect(await sha256Hex(new Blob(journaledChunks.map((c) => c.blob)))).to.equal(await sha256Hex(new Blob(chunks)));
    await upload.discard();
    expect(await journal.uploads(session.sessionId)).to.deep.equal([]);
  });

  it('stores no media in clear: the raw IndexedDB holds neither the WebM header nor any recorded bytes, and reads back byte-identical', async () => {
    const session = await createSession();
    await consentOverHttp(session);
    resetJournalForTests();
    const journal = await openJournal();
    expect(journal.persistent).to.equal(true);
    const api = new CandidApi({ endpoint: session.endpoint, token: session.token });
    const expiresAt = Date.parse((await api.getSession()).expiresAt);
    const upload = JournaledUpload.begin(journal, api, {
      endpoint: session.endpoint,
      sessionId: session.sessionId,
      questionId: 'q1',
      attempt: 1,
      track: 'video',
      mimeType: 'video/webm',
      expiresAt,
    });
    for (const c of chunks) upload.append(c);
    await upload.stop({ durationMs: 2200 });
    expect(await firstBytesHex(chunks[0]!)).to.equal('1a45dfa3'); // there is a header to find
    expect(await plaintextInJournal(chunks), 'plaintext media in IndexedDB').to.deep.equal([]);
    const [entry] = await journal.uploads(session.sessionId);
    expect(entry!.expiresAt).to.equal(expiresAt);
    const back = await journal.chunks(entry!.id);
    expect(await sha256Hex(new Blob(back.map((c) => c.blob)))).to.equal(await sha256Hex(new Blob(chunks)));
    expect(await journalFootprint(session.sessionId)).to.deep.equal({ uploads: 1, chunks: chunks.length, key: true });
    await upload.discard();
    expect(await journalFootprint(session.sessionId), 'crypto-shredded with its last upload').to.deep.equal({ uploads: 0, chunks: 0, key: false });
  });

  it('a crash before the creation POST answered: the provisional entry gets a new upload on resume', async () => {
    const session = await createSession();
    await consentOverHttp(session);
    const journal = new MemoryJournal();
    const meta = { endpoint: session.endpoint, sessionId: session.sessionId, questionId: 'q1', attempt: 1, track: 'video' as const, mimeType: 'video/webm' };
    // "Crash": the journal has a provisional entry and its chunks, the server nothing.
    await journal.put({ ...meta, id: 'local_crashed', uploadUrl: null, stopped: true, totalBytes: new Blob(chunks).size, durationMs: 2200, createdAt: Date.now() });
    let start = 0;
    for (const [index, blob] of chunks.entries()) {
      await journal.appendChunk('local_crashed', { index, start, blob, at: Date.now() });
      start += blob.size;
    }
    const api = new CandidApi({ endpoint: session.endpoint, token: session.token });
    const [record] = await journal.uploads(session.sessionId);
    const resumed = await JournaledUpload.resume(journal, api, record!);
    const result = await resumed.stop({ durationMs: 2200 });
    expect(result.size).to.equal(new Blob(chunks).size);
    await waitFor(async () => (await journal.uploads(session.sessionId))[0]?.id.startsWith('upl_'), 'adopted');
    const res = await realFetch(`${session.endpoint}/v1/session/answers/q1`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${session.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ attempt: 1, durationMs: 2200, speechSegments: [] }),
    });
    const body = (await res.json()) as { answer: { media: Array<{ sha256: string }> } };
    expect(res.status).to.equal(200);
    expect(body.answer.media[0]!.sha256).to.equal(await sha256Hex(new Blob(chunks)));
  });
});
