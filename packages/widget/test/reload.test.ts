// Crash-proof recording: the widget runs in an iframe that the test reloads (or reopens with a
// fresh token) mid-upload and mid-recording. What MediaRecorder produced is posted to this page
// as it happens (see support/widget-frame.ts), so it survives the reload for the comparison.
import { expect } from '@esm-bundle/chai';
import '../src/index.js';
import type { CandidInterview } from '../src/candid-interview.js';
import type { CandidAnswerDetail, CandidErrorDetail } from '../src/events.js';
import {
  clickIn,
  consentOverHttp,
  createSession,
  delay,
  issueToken,
  nextEvent,
  passDeviceCheck,
  eraseSession,
  proxyEndpoint,
  proxyHold,
  proxyStats,
  proxyThrottle,
  sha256Hex,
  storedSession,
  waitFor,
  waitForPhase,
  warmUpServer,
  submitTake,
  type StoredMediaInfo,
} from './support/helpers.js';
import { journaled, journalFootprint, plaintextInJournal } from './support/journal-db.js';

interface FrameRecorder {
  mimeType: string;
  blobs: Blob[];
}

class WidgetFrame {
  readonly frame = document.createElement('iframe');
  readonly recorders = new Map<string, FrameRecorder>();
  readonly events: Array<{ name: string; detail: unknown }> = [];
  loads = 0;
  readonly #onMessage = (e: MessageEvent) => {
    if (e.source !== this.frame.contentWindow) return;
    const data = e.data as { type: string; recorder: string; mimeType: string; blob: Blob; name: string; detail: unknown };
    if (data.type === 'chunk') {
      const r = this.recorders.get(data.recorder) ?? { mimeType: data.mimeType, blobs: [] };
      r.blobs.push(data.blob);
      this.recorders.set(data.recorder, r);
    } else if (data.type === 'event') this.events.push({ name: data.name, detail: data.detail });
    else if (data.type === 'loaded') this.loads += 1;
  };

  constructor() {
    window.addEventListener('message', this.#onMessage);
    this.frame.style.cssText = 'width: 640px; height: 900px';
    document.body.append(this.frame);
  }

  async open(endpoint: string, token: string): Promise<CandidInterview> {
    const loads = this.loads;
    const url = new URL('/packages/widget/test/support/widget-frame.html', location.href);
    url.searchParams.set('endpoint', endpoint);
    url.searchParams.set('token', token);
    this.frame.src = url.href;
    await waitFor(() => this.loads > loads, 'widget frame loaded', 15000);
    return this.widget;
  }

  async reload(): Promise<CandidInterview> {
    const loads = this.loads;
    this.frame.contentWindow!.location.reload();
    await waitFor(() => this.loads > loads, 'widget frame reloaded', 15000);
    return this.widget;
  }

  get widget(): CandidInterview {
    return (this.frame.contentWindow as unknown as { candid: CandidInterview }).candid;
  }

  /** The blobs of the (only) recorder of `kind` that ran before `since` loads. */
  recorder(kind: 'video' | 'audio'): FrameRecorder {
    const found = [...this.recorders.values()].filter((r) => r.mimeType.startsWith(`${kind}/`));
    expect(found, `one ${kind} recorder`).to.have.length(1);
    return found[0]!;
  }

  event<T>(name: string, predicate: (detail: T) => boolean = () => true): T | undefined {
    return this.events.find((e) => e.name === name && predicate(e.detail as T))?.detail as T | undefined;
  }

  remove(): void {
    window.removeEventListener('message', this.#onMessage);
    this.frame.remove();
  }
}

/** Chunks journaled per track for a session (whatever the upload's current id). */
async function journaledChunkCounts(sessionId: string): Promise<Record<string, number>> {
  const uploads = await journaled(sessionId);
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('candid-journal');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  try {
    const counts: Record<string, number> = {};
    for (const u of uploads) {
      counts[u.track] = await new Promise<number>((resolve, reject) => {
        const req = db.transaction('chunks').objectStore('chunks').count(IDBKeyRange.bound([u.id, 0], [u.id, Number.MAX_SAFE_INTEGER]));
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    }
    return counts;
  } finally {
    db.close();
  }
}

const sum = (blobs: Blob[]) => blobs.reduce((n, b) => n + b.size, 0);

/** The number of leading blobs whose total size is `bytes` (-1 if no prefix matches). */
function prefixLength(blobs: Blob[], bytes: number): number {
  let total = 0;
  for (let i = 0; i <= blobs.length; i++) {
    if (total === bytes) return i;
    total += blobs[i]?.size ?? 0;
  }
  return -1;
}

const QUESTION = { id: 'q1', prompt: 'Tell us about a hard problem you solved.', thinkSeconds: 5, answerSeconds: 60, maxRetakes: 1 };

describe('crash-proof recording: reload and reopen (iframe)', function () {
  this.timeout(90000);
  let host: WidgetFrame | undefined;
  // The server's cold start (and the proxy's) can outlast one 20 s command on a loaded machine.
  before(async function () {
    this.timeout(90000);
    await warmUpServer();
    await proxyEndpoint();
  });
  afterEach(async () => {
    host?.remove();
    host = undefined;
    await proxyHold(false);
    await proxyThrottle(null);
  });

  /**
   * Records a 4 s take on a slow uplink and stops it: bytes are still unsent when the test reloads.
   * Not left to a race with the upload (on a loaded machine the recorder may produce less than the
   * uplink carries): 2.5 s in, the proxy starts holding PATCH requests, so at least the chunks
   * recorded from then on (the last one included) stay unsent until the test calls `proxyHold(false)`.
   */
  async function stoppedTakeOnSlowUplink(session: Awaited<ReturnType<typeof createSession>>): Promise<CandidInterview> {
    const endpoint = await proxyEndpoint();
    await consentOverHttp(session);
    host = new WidgetFrame();
    const widget = await host.open(endpoint, session.token);
    await passDeviceCheck(widget);
    await proxyThrottle(40_000); // recorded bytes outrun the upload, so bytes are pending at Stop
    await clickIn(widget, 'button[name="record"]');
    await delay(2500);
    await proxyHold(true);
    await delay(1500);
    await clickIn(widget, 'button[name="stop"]');
    await waitForPhase(widget, 'review');
    return widget;
  }

  /** After the reload: the network carries everything again (held PATCHes of the old page were dropped). */
  async function releaseUplink(): Promise<void> {
    await proxyHold(false);
    await proxyThrottle(null);
  }

  /** The stored answer is byte-identical to what MediaRecorder produced, re-sending at most one chunk per track. */
  async function expectStoredWhole(sessionId: string): Promise<void> {
    const stored = await storedSession(sessionId);
    const stats = await proxyStats();
    const resent: Record<string, number> = {};
    for (const kind of ['video', 'audio'] as const) {
      const { blobs } = host!.recorder(kind);
      const media = stored.answers[0]!.media.find((m: StoredMediaInfo) => m.track === kind)!;
      expect(media.sizeBytes, `${kind} size`).to.equal(sum(blobs));
      expect(media.sha256, `${kind} byte-identical`).to.equal(await sha256Hex(new Blob(blobs)));
      resent[kind] = stats[media.uploadId!]!.patchBytes - media.sizeBytes;
      expect(resent[kind], `${kind} bytes re-sent`).to.be.within(0, Math.max(...blobs.map((b) => b.size)));
    }
    console.log(`[reload test] bytes re-sent after reload: ${JSON.stringify(resent)}; largest video chunk ${Math.max(...host!.recorder('video').blobs.map((b) => b.size))} B`);
  }

  it('reload during review, mid-upload: the candidate is asked again, can watch the take, submits it; at most one chunk re-sent', async () => {
    const session = await createSession({ questions: [QUESTION] });
    let widget = await stoppedTakeOnSlowUplink(session);
    // Wait until the journal knows the take is whole (stopped) and carries the server ids.
    await waitFor(async () => {
      const uploads = await journaled(session.sessionId);
      return uploads.length === 2 && uploads.every((u) => u.stopped && u.id.startsWith('upl_'));
    }, 'stopped take in the journal');
    expect((await journaled(session.sessionId)).some((u) => u.submitted), 'not submitted during review').to.equal(false);
    const pending = widget.store.getState().progress!;
    expect(pending.bytesSent, 'bytes still unsent when the page goes away').to.be.lessThan(pending.bytesRecorded);
    // What the page leaves on the device: encrypted, with the session's expiry.
    expect(await plaintextInJournal([...host!.recorder('video').blobs, ...host!.recorder('audio').blobs]), 'plaintext media in IndexedDB').to.deep.equal([]);
    const sessionExpiry = Date.parse(widget.store.getState().session!.expiresAt); // the session's, from GET /v1/session (not the token's)
    expect((await journaled(session.sessionId)).map((u) => u.expiresAt)).to.deep.equal([sessionExpiry, sessionExpiry]);

    widget = await host!.reload();
    await releaseUplink();
    // The candidate had not decided yet: the widget asks instead of submitting on their behalf.
    await waitForPhase(widget, 'interrupted', 30000);
    await widget.updateComplete;
    const screen = widget.shadowRoot!.querySelector('[part="interrupted"]')!;
    expect(screen.textContent).to.contain('not submitted');
    expect(widget.store.getState().interrupted).to.include({ unsubmitted: true, attempt: 1, canRetake: true });
    const video = screen.querySelector<HTMLVideoElement>('video[part="playback"]');
    expect(video, 'the journaled take can be watched').to.not.equal(null);
    if (video!.readyState < 1) await new Promise((resolve, reject) => {
      video!.addEventListener('loadedmetadata', resolve, { once: true });
      video!.addEventListener('error', () => reject(new Error(`playback failed: ${video!.error?.message}`)), { once: true });
    });
    expect(video!.videoWidth, 'journaled video decodes').to.be.greaterThan(0);
    expect(screen.querySelector('button[name="keep"]')!.textContent).to.contain('Submit');
    expect(host!.event('candid-answer'), 'nothing committed before the candidate decides').to.equal(undefined);

    await clickIn(widget, 'button[name="keep"]');
    await waitFor(() => host!.event('candid-complete'), 'complete after submitting the recovered take', 30000);
    const answer = host!.event<CandidAnswerDetail>('candid-answer')!;
    expect(answer.recovered).to.equal(true);
    expect(answer.attempt).to.equal(1);
    await waitForPhase(widget, 'done');
    expect(await journaled(session.sessionId), 'journal cleared after the commit').to.deep.equal([]);
    await expectStoredWhole(session.sessionId);
  });

  it('reload after Submit, before the last bytes are sent: the take is committed without asking again', async () => {
    const session = await createSession({ questions: [QUESTION] });
    let widget = await stoppedTakeOnSlowUplink(session);
    await clickIn(widget, 'button[name="submit"]');
    await waitFor(async () => {
      const uploads = await journaled(session.sessionId);
      return uploads.length === 2 && uploads.every((u) => u.stopped && u.submitted && u.id.startsWith('upl_'));
    }, 'the submit decision in the journal');
    const pending = widget.store.getState().progress!;
    expect(pending.bytesSent, 'bytes still unsent when the page goes away').to.be.lessThan(pending.bytesRecorded);

    widget = await host!.reload();
    await releaseUplink();
    // Had the widget asked again, it would wait in "interrupted" and the answer would never come.
    await waitFor(() => host!.event('candid-complete'), 'complete after reload', 30000);
    expect(host!.event<CandidAnswerDetail>('candid-answer')).to.include({ recovered: true, attempt: 1 });
    await waitForPhase(widget, 'done');
    await expectStoredWhole(session.sessionId);
  });

  it('reopened with a fresh token mid-recording: the journaled part is uploaded and the candidate keeps it', async () => {
    const session = await createSession({ questions: [QUESTION] });
    await consentOverHttp(session);
    host = new WidgetFrame();
    let widget = await host.open(session.endpoint, session.token);
    await passDeviceCheck(widget);
    await clickIn(widget, 'button[name="record"]');
    let journaledBefore: Record<string, number> = {};
    await waitFor(async () => {
      journaledBefore = await journaledChunkCounts(session.sessionId);
      return (journaledBefore.video ?? 0) >= 3 && (journaledBefore.audio ?? 0) >= 3;
    }, 'three chunks per track journaled', 15000);

    // The tab dies mid-recording; later the candidate opens a new link for the same session.
    const fresh = await issueToken(session.sessionId);
    widget = await host.open(session.endpoint, fresh.token);
    await waitForPhase(widget, 'interrupted', 30000);
    await widget.updateComplete;
    const screen = widget.shadowRoot!.querySelector('[part="interrupted"]')!;
    expect(screen.textContent).to.contain('interrupted');
    expect(screen.querySelector('button[name="retake"]'), 'a retake is left').to.not.equal(null);
    const journal = await journaled(session.sessionId);
    expect(journal.every((u) => u.interrupted && u.totalBytes! > 0), 'uploaded with their length declared').to.equal(true);

    await clickIn(widget, 'button[name="keep"]');
    await waitFor(() => host!.event('candid-complete'), 'complete', 30000);
    expect(host.event<CandidAnswerDetail>('candid-answer')!.recovered).to.equal(true);

    const stored = await storedSession(session.sessionId);
    expect(stored.status).to.equal('completed');
    for (const kind of ['video', 'audio'] as const) {
      const { blobs } = host.recorder(kind);
      const media = stored.answers[0]!.media.find((m) => m.track === kind)!;
      const kept = prefixLength(blobs, media.sizeBytes);
      // Every chunk that was journaled before the page went away is kept (chunks emitted while it
      // was going away may be missing: their journal write never completed).
      expect(kept, `${kind}: stored file is a prefix of the recording`).to.be.at.least(journaledBefore[kind]!);
      expect(kept).to.be.at.most(blobs.length);
      console.log(`[reopen test] ${kind}: ${blobs.length} chunks emitted, ${journaledBefore[kind]} journaled when the page went away, ${kept} stored`);
      expect(media.sha256, `${kind} byte-identical prefix`).to.equal(await sha256Hex(new Blob(blobs.slice(0, kept))));
    }
    expect(stored.answers[0]!.durationMs).to.be.within(2500, 6000);
  });

  it('reload mid-recording, then "Record again": the next attempt is recorded and committed', async () => {
    const session = await createSession({ questions: [QUESTION] });
    await consentOverHttp(session);
    host = new WidgetFrame();
    let widget = await host.open(session.endpoint, session.token);
    await passDeviceCheck(widget);
    await clickIn(widget, 'button[name="record"]');
    await delay(2200);
    widget = await host.reload();
    await waitForPhase(widget, 'interrupted', 30000);
    await clickIn(widget, 'button[name="retake"]');
    await passDeviceCheck(widget);
    expect(widget.store.getState().attempt).to.equal(2);
    await clickIn(widget, 'button[name="record"]');
    await delay(1500);
    await clickIn(widget, 'button[name="stop"]');
    await submitTake(widget);
    await waitFor(() => host!.event('candid-complete'), 'complete', 30000);
    const answer = host.event<CandidAnswerDetail>('candid-answer')!;
    expect(answer).to.include({ attempt: 2, recovered: false });
    const stored = await storedSession(session.sessionId);
    expect(stored.answers[0]!.attempt).to.equal(2);
    expect(await journaled(session.sessionId)).to.deep.equal([]);
  });

  it('consent withdrawn before the next visit: the journaled take is deleted from the device, not uploaded', async () => {
    const session = await createSession({ questions: [QUESTION] });
    await consentOverHttp(session);
    let el = document.createElement('candid-interview');
    el.endpoint = session.endpoint;
    el.token = session.token;
    document.body.append(el);
    await passDeviceCheck(el);
    await clickIn(el, 'button[name="record"]');
    await waitFor(async () => (await journaled(session.sessionId)).length === 2, 'take journaled');
    await delay(1200);
    el.remove(); // the page goes away mid-recording: the take stays in the journal

    const res = await fetch(`${session.endpoint}/v1/session/consent/withdraw`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${session.token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.ok, await res.clone().text()).to.equal(true);

    el = document.createElement('candid-interview');
    const failed = nextEvent<CandidErrorDetail>(el, 'candid-error');
    el.endpoint = session.endpoint;
    el.token = session.token;
    document.body.append(el);
    try {
      expect((await failed).detail.code).to.equal('SESSION_WITHDRAWN');
      await waitFor(async () => (await journaled(session.sessionId)).length === 0, 'journal of the withdrawn session deleted');
    } finally {
      el.remove();
    }
  });

  /** Records ~2 s in the frame and closes it mid-recording: the take stays in the journal, never submitted. */
  async function abandonedTake(session: Awaited<ReturnType<typeof createSession>>): Promise<void> {
    await consentOverHttp(session);
    host = new WidgetFrame();
    const widget = await host.open(session.endpoint, session.token);
    await passDeviceCheck(widget);
    await clickIn(widget, 'button[name="record"]');
    await waitFor(async () => {
      const f = await journalFootprint(session.sessionId);
      return f.uploads === 2 && f.chunks >= 4 && f.key;
    }, 'two chunks per track journaled', 15000);
    host.remove(); // the tab is closed mid-recording
    host = undefined;
    expect((await journalFootprint(session.sessionId)).uploads).to.equal(2);
  }

  it('an erased session: its journal (takes, chunks, key) is deleted from the device when its link is opened again', async () => {
    const session = await createSession({ questions: [QUESTION] });
    await abandonedTake(session);
    await eraseSession(session.sessionId);

    host = new WidgetFrame();
    const widget = await host.open(session.endpoint, session.token);
    await waitForPhase(widget, 'error', 15000);
    expect(host.event<CandidErrorDetail>('candid-error')!.code).to.equal('SESSION_ERASED');
    await waitFor(async () => {
      const f = await journalFootprint(session.sessionId);
      return f.uploads === 0 && f.chunks === 0 && !f.key;
    }, 'journal of the erased session deleted');
  });

  it("an expired session: its journal is deleted on the next load of the widget, whatever that page's session", async () => {
    // A session that expires a few seconds after its take is journaled (the server refuses it then).
    const expiresAt = new Date(Date.now() + 20_000).toISOString();
    const expiring = await createSession({ questions: [QUESTION], expiresAt });
    await abandonedTake(expiring);
    expect((await journaled(expiring.sessionId)).every((u) => u.expiresAt === Date.parse(expiresAt)), 'expiry journaled with the take').to.equal(true);
    await delay(Math.max(0, Date.parse(expiresAt) - Date.now() + 500));

    // Later, on the same device, someone opens another interview (no token of the expired session at hand).
    const other = await createSession({ questions: [QUESTION] });
    host = new WidgetFrame();
    const widget = await host.open(other.endpoint, other.token);
    await waitForPhase(widget, 'consent', 15000);
    await waitFor(async () => {
      const f = await journalFootprint(expiring.sessionId);
      return f.uploads === 0 && f.chunks === 0 && !f.key;
    }, 'journal of the expired session deleted', 15000);
  });
});
