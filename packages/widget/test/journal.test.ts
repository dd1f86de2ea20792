import { expect } from '@esm-bundle/chai';
import { CandidApi } from '../src/api/candid-api.js';
import { MemoryJournal, openJournal, resetJournalForTests, type Journal, type JournalChunk, type JournalUpload } from '../src/journal/journal.js';
import { JournaledUpload } from '../src/journal/journaled-upload.js';
import { consentOverHttp, createSession, delay, recordSample, sha256Hex, waitFor } from './support/helpers.js';

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

    await journal.remove(['upl_1']);
    expect(await journal.uploads(sessionId)).to.deep.equal([]);
    expect(await journal.chunks('upl_1')).to.deep.equal([]);
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
  before(async () => {
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
