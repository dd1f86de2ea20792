import { expect } from '@esm-bundle/chai';
import { TusUpload } from '../src/api/tus-upload.js';
import {
  consentOverHttp,
  createSession,
  delay,
  recordSample,
  sha256Hex,
  storedSession,
  waitFor,
  type TestSession,
} from './support/helpers.js';

interface LoggedRequest {
  method: string;
  url: string;
  uploadOffset: string | null;
  uploadLength: string | null;
  bodySize: number;
  status: number | 'network-error';
  responseOffset: string | null;
}

/**
 * A fetch that logs every request, checks that no two are ever in flight at once, and lets a
 * test tamper with one request (`intercept`) to simulate failures.
 */
function instrumentedFetch(
  intercept?: (req: Request, index: number) => Promise<Response | null>,
) {
  const log: LoggedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetchFn: typeof fetch = async (input, init) => {
    const req = new Request(input, init);
    const bodySize = init?.body instanceof Blob ? init.body.size : 0;
    const entry: LoggedRequest = {
      method: req.method,
      url: req.url,
      uploadOffset: req.headers.get('Upload-Offset'),
      uploadLength: req.headers.get('Upload-Length'),
      bodySize,
      status: 'network-error',
      responseOffset: null,
    };
    log.push(entry);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const tampered = intercept ? await intercept(req, log.length - 1) : null;
      const res = tampered ?? (await fetch(input, init));
      entry.status = res.status;
      entry.responseOffset = res.headers.get('Upload-Offset');
      return res;
    } finally {
      inFlight -= 1;
    }
  };
  return { fetchFn, log, maxInFlight: () => maxInFlight };
}

function uploadFor(session: TestSession, fetchFn: typeof fetch, extra: Partial<ConstructorParameters<typeof TusUpload>[0]> = {}) {
  return new TusUpload({
    endpoint: `${session.endpoint}/v1/uploads`,
    headers: { Authorization: `Bearer ${session.token}` },
    metadata: { questionId: 'q1', attempt: '1', track: 'video', mimeType: 'video/webm;codecs=vp8,opus' },
    fetch: fetchFn,
    retryDelays: [10, 50, 100, 200],
    ...extra,
  });
}

async function commit(session: TestSession, durationMs = 2000) {
  const res = await fetch(`${session.endpoint}/v1/session/answers/q1`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${session.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ attempt: 1, durationMs, speechSegments: [] }),
  });
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).to.equal(200);
  return body as { answer: { id: string; media: Array<{ track: string; sizeBytes: number; sha256: string; mimeType: string }> } };
}

describe('TusUpload against the real server', function () {
  this.timeout(30000);
  let chunks: Blob[] = [];
  let whole: Blob;
  let wholeSha: string;

  before(async () => {
    chunks = await recordSample(2500, 400);
    whole = new Blob(chunks, { type: 'video/webm' });
    wholeSha = await sha256Hex(whole);
    expect(chunks.length).to.be.greaterThan(3);
  });

  async function freshSession() {
    const session = await createSession();
    await consentOverHttp(session);
    return session;
  }

  it('streams appended chunks in several sequential PATCHes; the last one declares the length', async () => {
    const session = await freshSession();
    const { fetchFn, log, maxInFlight } = instrumentedFetch();
    const progress: number[] = [];
    const upload = uploadFor(session, fetchFn, {
      maxChunkBytes: Math.ceil(whole.size / 4),
      onProgress: (p) => progress.push(p.bytesSent),
    });
    for (const chunk of chunks) {
      upload.append(chunk);
      await delay(20);
    }
    const result = await upload.finish();
    expect(result.size).to.equal(whole.size);
    expect(upload.bytesSent).to.equal(whole.size);

    expect(log[0]!.method).to.equal('POST');
    const patches = log.filter((r) => r.method === 'PATCH');
    expect(patches.length).to.be.greaterThanOrEqual(4);
    expect(maxInFlight()).to.equal(1);
    // Contiguous offsets, and only the final PATCH carries Upload-Length.
    let expected = 0;
    for (const p of patches) {
      expect(Number(p.uploadOffset)).to.equal(expected);
      expected += p.bodySize;
    }
    expect(expected).to.equal(whole.size);
    expect(patches.slice(0, -1).every((p) => p.uploadLength === null)).to.equal(true);
    expect(patches.at(-1)!.uploadLength).to.equal(String(whole.size));
    expect(progress.at(-1)).to.equal(whole.size);

    const { answer } = await commit(session);
    const video = answer.media.find((m) => m.track === 'video')!;
    expect(video.sizeBytes).to.equal(whole.size);
    expect(video.sha256).to.equal(wholeSha);
  });

  it('sends an empty final PATCH with Upload-Length when every byte is already on the server', async () => {
    const session = await freshSession();
    const { fetchFn, log } = instrumentedFetch();
    const upload = uploadFor(session, fetchFn);
    for (const chunk of chunks) upload.append(chunk);
    await waitFor(() => upload.bytesSent === whole.size && upload.state === 'idle', 'all bytes confirmed');
    await upload.finish();
    const last = log.at(-1)!;
    expect(last.method).to.equal('PATCH');
    expect(last.bodySize).to.equal(0);
    expect(last.uploadOffset).to.equal(String(whole.size));
    expect(last.uploadLength).to.equal(String(whole.size));
    const { answer } = await commit(session);
    expect(answer.media[0]!.sha256).to.equal(wholeSha);
  });

  it('on a 409 offset mismatch it HEADs and resumes from the server offset', async () => {
    const session = await freshSession();
    let tampered = false;
    const { fetchFn, log } = instrumentedFetch(async (req) => {
      // Second PATCH: lie about the offset, so the server answers 409.
      const patchesSoFar = log.filter((r) => r.method === 'PATCH').length;
      if (req.method === 'PATCH' && patchesSoFar === 2 && !tampered) {
        tampered = true;
        const headers = new Headers(req.headers);
        headers.set('Upload-Offset', String(Number(req.headers.get('Upload-Offset')) + 7));
        return fetch(req.url, { method: 'PATCH', headers, body: await req.blob() });
      }
      return null;
    });
    const upload = uploadFor(session, fetchFn, { maxChunkBytes: Math.ceil(whole.size / 4) });
    for (const chunk of chunks) upload.append(chunk);
    await upload.finish();
    expect(tampered).to.equal(true);

    const conflict = log.findIndex((r) => r.status === 409);
    expect(conflict, JSON.stringify(log)).to.be.greaterThan(0);
    const head = log[conflict + 1]!;
    expect(head.method).to.equal('HEAD');
    const resumed = log[conflict + 2]!;
    expect(resumed.method).to.equal('PATCH');
    expect(resumed.uploadOffset).to.equal(head.responseOffset);

    const { answer } = await commit(session);
    expect(answer.media[0]!.sizeBytes).to.equal(whole.size);
    expect(answer.media[0]!.sha256).to.equal(wholeSha);
  });

  it('after a request dies mid-way it resumes from the offset the server reports, not a local counter', async () => {
    const session = await freshSession();
    let cutAt = -1;
    const { fetchFn, log } = instrumentedFetch(async (req) => {
      const patchesSoFar = log.filter((r) => r.method === 'PATCH').length;
      if (req.method === 'PATCH' && patchesSoFar === 2 && cutAt < 0) {
        // The connection "drops" after the server got only the first part of the body.
        const body = await req.blob();
        const partial = body.slice(0, Math.floor(body.size / 3));
        const res = await fetch(req.url, { method: 'PATCH', headers: req.headers, body: partial });
        expect(res.status).to.equal(204);
        cutAt = Number(res.headers.get('Upload-Offset'));
        throw new TypeError('Failed to fetch');
      }
      return null;
    });
    const upload = uploadFor(session, fetchFn, { maxChunkBytes: Math.ceil(whole.size / 4) });
    for (const chunk of chunks) upload.append(chunk);
    await upload.finish();

    const failed = log.findIndex((r) => r.status === 'network-error');
    expect(failed).to.be.greaterThan(0);
    const head = log[failed + 1]!;
    expect(head.method).to.equal('HEAD');
    expect(Number(head.responseOffset)).to.equal(cutAt);
    expect(cutAt).to.be.greaterThan(Number(log[failed]!.uploadOffset));
    const resumed = log[failed + 2]!;
    expect(resumed.method).to.equal('PATCH');
    expect(Number(resumed.uploadOffset)).to.equal(cutAt);

    const { answer } = await commit(session);
    expect(answer.media[0]!.sizeBytes).to.equal(whole.size);
    expect(answer.media[0]!.sha256).to.equal(wholeSha);
    const stored = await storedSession(session.sessionId);
    expect(stored.answers[0]!.media[0]!.sha256).to.equal(wholeSha);
    expect(stored.answers[0]!.media[0]!.firstBytesHex).to.equal('1a45dfa3');
  });

  it('a PATCH answered 204 without taking its bytes is a failed request: HEAD and backoff, never an immediate resend', async () => {
    const session = await freshSession();
    let lost = 0;
    const retries: number[] = [];
    const { fetchFn, log } = instrumentedFetch(async (req) => {
      // The bytes of three PATCHes in a row never reach the server: it sees empty bodies and
      // answers 204 at the same offset (what a body lost on the way looks like to the client).
      if (req.method === 'PATCH' && log.filter((r) => r.method === 'PATCH').length >= 2 && lost < 3) {
        lost += 1;
        const headers = new Headers(req.headers);
        headers.delete('Upload-Length');
        const res = await fetch(req.url, { method: 'PATCH', headers, body: new Blob([]) });
        expect(res.status).to.equal(204);
        return res;
      }
      return null;
    });
    const upload = uploadFor(session, fetchFn, { onRetry: (_error, delayMs) => retries.push(delayMs) });
    for (const chunk of chunks) upload.append(chunk);
    await upload.finish();

    expect(lost).to.equal(3);
    const empty = log.map((r, i) => ({ ...r, i })).filter((r) => r.method === 'PATCH' && r.status === 204 && r.responseOffset === r.uploadOffset && Number(r.bodySize) > 0);
    expect(empty, 'PATCHes whose bytes were lost').to.have.length(3);
    for (const r of empty) expect(log[r.i + 1]!.method, `after lost PATCH #${r.i}: ask the server first`).to.equal('HEAD');
    expect(retries, 'each one backed off as a failed request').to.deep.equal([10, 50, 100]);
    expect(log.filter((r) => r.method === 'PATCH').length, 'no loop').to.be.at.most(chunks.length + 3);

    const { answer } = await commit(session);
    expect(answer.media[0]!.sizeBytes).to.equal(whole.size);
    expect(answer.media[0]!.sha256).to.equal(wholeSha);
  });

  it('does not retry a definitive refusal (bad token) and rejects finish()', async () => {
    const session = await freshSession();
    const { fetchFn, log } = instrumentedFetch();
    const upload = uploadFor({ ...session, token: 'not-a-token' }, fetchFn);
    upload.append(chunks[0]!);
    let error: { code?: string; status?: number; name?: string } | undefined;
    try {
      await upload.finish();
    } catch (err) {
      error = err as typeof error;
    }
    expect(error?.name).to.equal('CandidError');
    expect(error?.status).to.equal(401);
    expect(error?.code).to.match(/^[A-Z_]+$/);
    expect(upload.state).to.equal('failed');
    expect(log.filter((r) => r.method === 'POST')).to.have.length(1);
  });

  it('gives up with UPLOAD_FAILED after the retry budget when the network stays down', async () => {
    const session = await freshSession();
    const { fetchFn, log } = instrumentedFetch(async (req) => {
      if (req.method === 'PATCH') throw new TypeError('Failed to fetch');
      return null;
    });
    const upload = uploadFor(session, fetchFn, { retryDelays: [5, 5] });
    upload.append(chunks[0]!);
    let error: { code?: string; recoverable?: boolean } | undefined;
    try {
      await upload.finish();
    } catch (err) {
      error = err as typeof error;
    }
    expect(error?.code).to.equal('UPLOAD_FAILED');
    expect(error?.recoverable).to.equal(true);
    expect(log.filter((r) => r.method === 'PATCH')).to.have.length(3);
    expect(log.filter((r) => r.method === 'HEAD')).to.have.length(2);
  });

  it('append(blob, last): the PATCH with the last piece declares the length (no extra empty PATCH)', async () => {
    const session = await freshSession();
    const { fetchFn, log } = instrumentedFetch();
    const upload = uploadFor(session, fetchFn);
    for (const chunk of chunks.slice(0, -1)) upload.append(chunk);
    await waitFor(() => upload.bytesSent === whole.size - chunks.at(-1)!.size, 'all but the tail on the server');
    upload.append(chunks.at(-1)!, true);
    await upload.finish();
    const patches = log.filter((r) => r.method === 'PATCH');
    expect(patches.at(-1)!.bodySize).to.equal(chunks.at(-1)!.size);
    expect(patches.at(-1)!.uploadLength).to.equal(String(whole.size));
    expect(patches.filter((p) => p.bodySize === 0)).to.have.length(0);
    const { answer } = await commit(session);
    expect(answer.media[0]!.sha256).to.equal(wholeSha);
  });

  it('a PATCH never spans two appended pieces (a cut costs at most one chunk)', async () => {
    const session = await freshSession();
    const { fetchFn, log } = instrumentedFetch();
    const upload = uploadFor(session, fetchFn);
    for (const chunk of chunks) upload.append(chunk); // a backlog: everything queued at once
    await upload.finish();
    const patches = log.filter((r) => r.method === 'PATCH' && r.bodySize > 0);
    expect(patches.map((p) => p.bodySize)).to.deep.equal(chunks.map((c) => c.size));
    const { answer } = await commit(session);
    expect(answer.media[0]!.sha256).to.equal(wholeSha);
  });

  it('resumes an existing upload by URL: HEAD first, then only the bytes the server lacks', async () => {
    const session = await freshSession();
    // First client: sends the first half of the pieces, then "the page goes away".
    const half = Math.ceil(chunks.length / 2);
    let url = '';
    const first = uploadFor(session, instrumentedFetch().fetchFn, { onCreated: (u) => (url = u) });
    for (const chunk of chunks.slice(0, half)) first.append(chunk);
    const sentFirst = chunks.slice(0, half).reduce((n, c) => n + c.size, 0);
    await waitFor(() => first.bytesSent === sentFirst, 'first half on the server');
    first.abort();
    expect(url).to.match(/\/v1\/uploads\/upl_/);

    // Second client (after a reload, fed from the journal from byte 0).
    const { fetchFn, log } = instrumentedFetch();
    const progress: number[] = [];
    const second = uploadFor(session, fetchFn, { uploadUrl: url, onProgress: (p) => progress.push(p.bytesSent) });
    for (const chunk of chunks) second.append(chunk);
    const result = await second.finish();
    expect(result).to.deep.equal({ url, size: whole.size });
    expect(log[0]!.method).to.equal('HEAD');
    expect(log.some((r) => r.method === 'POST')).to.equal(false);
    const patched = log.filter((r) => r.method === 'PATCH').reduce((n, r) => n + r.bodySize, 0);
    expect(patched, 'bytes re-sent').to.equal(whole.size - sentFirst);
    expect(Number(log.find((r) => r.method === 'PATCH')!.uploadOffset)).to.equal(sentFirst);
    expect(progress.at(-1)).to.equal(whole.size);
    const { answer } = await commit(session);
    expect(answer.media[0]!.sha256).to.equal(wholeSha);
  });

  it('a known length is declared at creation (file upload) and sent in one request per piece', async () => {
    const session = await freshSession();
    const { fetchFn, log } = instrumentedFetch();
    const upload = uploadFor(session, fetchFn, { uploadLength: whole.size, maxChunkBytes: Math.ceil(whole.size / 2) });
    upload.append(whole);
    await upload.finish();
    expect(log[0]!.uploadLength).to.equal(String(whole.size));
    const patches = log.filter((r) => r.method === 'PATCH');
    expect(patches).to.have.length(2);
    expect(patches.every((p) => p.uploadLength === null)).to.equal(true);
    const { answer } = await commit(session);
    expect(answer.media[0]!.sha256).to.equal(wholeSha);
  });

  it('honours Retry-After on 429, retries forever with maxRetries: Infinity, and nudge() skips the wait', async () => {
    const session = await freshSession();
    let patches = 0;
    const retries: number[] = [];
    const { fetchFn, log } = instrumentedFetch(async (req) => {
      if (req.method !== 'PATCH') return null;
      patches += 1;
      if (patches === 1) {
        return new Response(JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'slow down' } }), {
          status: 429,
          headers: { 'Retry-After': '1', 'Content-Type': 'application/json' },
        });
      }
      if (patches <= 3) throw new TypeError('Failed to fetch');
      return null;
    });
    const upload = uploadFor(session, fetchFn, {
      retryDelays: [10, 60000],
      maxRetries: Infinity,
      onRetry: (_e, delayMs) => retries.push(delayMs),
    });
    const started = performance.now();
    upload.append(whole);
    await waitFor(() => retries.length === 2, 'second retry');
    expect(retries).to.deep.equal([1000, 60000]); // Retry-After: 1, then the backoff
    upload.nudge(); // e.g. the browser came back online
    await waitFor(() => retries.length === 3, 'third retry');
    expect(retries[2], 'the last delay repeats').to.equal(60000);
    upload.nudge();
    await upload.finish();
    expect(performance.now() - started).to.be.lessThan(8000);
    expect(log.filter((r) => r.status === 429)).to.have.length(1);
    const { answer } = await commit(session);
    expect(answer.media[0]!.sha256).to.equal(wholeSha);
  });

  it('does not loop on a 409 that is not an offset conflict (answer already committed)', async () => {
    const session = await freshSession();
    const { fetchFn, log } = instrumentedFetch(async (req) => {
      if (req.method === 'PATCH') {
        return new Response(JSON.stringify({ error: { code: 'ANSWER_ALREADY_COMMITTED', message: 'frozen' } }), { status: 409 });
      }
      return null;
    });
    const upload = uploadFor(session, fetchFn, { maxRetries: Infinity });
    upload.append(chunks[0]!);
    let code: string | undefined;
    try {
      await upload.finish();
    } catch (err) {
      code = (err as { code?: string }).code;
    }
    expect(code).to.equal('ANSWER_ALREADY_COMMITTED');
    expect(log.filter((r) => r.method === 'PATCH')).to.have.length(1);
  });
});
