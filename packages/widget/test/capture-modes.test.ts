// Capture modes besides the default: audio-only (accommodation), no MediaRecorder (file upload),
// and no IndexedDB (in-memory journal).
import { expect } from '@esm-bundle/chai';
import '../src/index.js';
import type { CandidInterview } from '../src/candid-interview.js';
import type { CandidAnswerDetail } from '../src/events.js';
import { resetJournalForTests } from '../src/journal/journal.js';
import {
  clickIn,
  consentOverHttp,
  createSession,
  delay,
  nextEvent,
  passDeviceCheck,
  recordSample,
  sha256Hex,
  spyOnMediaRecorder,
  storedSession,
  waitFor,
  waitForPhase,
  submitTake,
} from './support/helpers.js';

describe('capture modes', function () {
  this.timeout(45000);
  let el: CandidInterview | undefined;
  afterEach(() => {
    el?.remove();
    el = undefined;
  });

  async function mount(endpoint: string, token: string) {
    el = document.createElement('candid-interview');
    el.endpoint = endpoint;
    el.token = token;
    document.body.append(el);
    return el;
  }

  it('audio-only accommodation: no camera, one audio track is the answer', async () => {
    const session = await createSession({ accommodations: { audioOnly: true, timeMultiplier: 1.5 } });
    await consentOverHttp(session);
    const spy = spyOnMediaRecorder();
    try {
      const widget = await mount(session.endpoint, session.token);
      await waitForPhase(widget, 'check');
      await widget.updateComplete;
      expect(widget.shadowRoot!.querySelector('video')).to.equal(null);
      expect(widget.shadowRoot!.querySelector('select[name="camera"]')).to.equal(null);
      expect(widget.shadowRoot!.querySelector('[part="check"]')!.textContent).to.contain('audio only');
      await passDeviceCheck(widget);
      await widget.updateComplete;
      // 30 s × 1.5 (accommodation, applied by the server).
      expect(widget.shadowRoot!.querySelector('[part="question"]')!.textContent).to.contain('0:45');
      const answered = nextEvent<CandidAnswerDetail>(widget, 'candid-answer', 30000);
      await clickIn(widget, 'button[name="record"]');
      await delay(1500);
      await clickIn(widget, 'button[name="stop"]');
      await submitTake(widget);
      const answer = (await answered).detail;
      expect(answer.mimeType).to.match(/^audio\/webm/);
      expect(spy.recorders).to.have.length(1);
      const stored = await storedSession(session.sessionId);
      expect(stored.answers[0]!.media.map((m) => m.track)).to.deep.equal(['audio']);
      expect(stored.answers[0]!.media[0]!.sha256).to.equal(await sha256Hex(new Blob(spy.recorders[0]!.blobs)));
    } finally {
      spy.restore();
    }
  });

  it('no MediaRecorder: the candidate uploads a video from the camera app (same tus client), committed', async () => {
    const sample = new File(await recordSample(1500, 500), 'answer.webm', { type: 'video/webm' });
    const session = await createSession();
    await consentOverHttp(session);
    const Real = globalThis.MediaRecorder;
    delete (globalThis as { MediaRecorder?: unknown }).MediaRecorder;
    try {
      const widget = await mount(session.endpoint, session.token);
      await waitForPhase(widget, 'ready');
      await widget.updateComplete;
      expect(widget.store.getState().captureMode).to.equal('file');
      expect(widget.shadowRoot!.querySelector('video')).to.equal(null);
      const input = widget.shadowRoot!.querySelector<HTMLInputElement>('input[type="file"]')!;
      expect(input.accept).to.equal('video/*');
      expect(input.getAttribute('capture')).to.equal('user');
      const answered = nextEvent<CandidAnswerDetail>(widget, 'candid-answer', 30000);
      const files = new DataTransfer();
      files.items.add(sample);
      input.files = files.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      const answer = (await answered).detail;
      expect(answer.bytesRecorded).to.equal(sample.size);
      await waitForPhase(widget, 'done');
      const stored = await storedSession(session.sessionId);
      const media = stored.answers[0]!.media;
      expect(media.map((m) => m.track)).to.deep.equal(['video']);
      expect(media[0]!.sha256).to.equal(await sha256Hex(sample));
    } finally {
      globalThis.MediaRecorder = Real;
    }
  });

  it('without IndexedDB (private mode) it records and commits with an in-memory journal', async () => {
    const session = await createSession();
    await consentOverHttp(session);
    const descriptor = Object.getOwnPropertyDescriptor(window, 'indexedDB')!;
    Object.defineProperty(window, 'indexedDB', { configurable: true, value: undefined });
    resetJournalForTests();
    try {
      const widget = await mount(session.endpoint, session.token);
      await passDeviceCheck(widget);
      // Offline, the banner tells the candidate that nothing is kept on this device.
      window.dispatchEvent(new Event('offline'));
      await widget.updateComplete;
      expect(widget.shadowRoot!.querySelector('[part="network"]')!.textContent).to.contain('keep this page open');
      window.dispatchEvent(new Event('online'));
      const answered = nextEvent<CandidAnswerDetail>(widget, 'candid-answer', 30000);
      await clickIn(widget, 'button[name="record"]');
      await waitForPhase(widget, 'recording');
      await widget.updateComplete;
      expect(widget.shadowRoot!.querySelector('[part="no-local-copy"]')?.textContent, 'told while recording, online too').to.contain('keep this page open');
      await delay(1200);
      await clickIn(widget, 'button[name="stop"]');
      await submitTake(widget);
      expect((await answered).detail.bytesSent).to.be.greaterThan(0);
      await waitFor(async () => (await storedSession(session.sessionId)).status === 'completed', 'completed');
    } finally {
      Object.defineProperty(window, 'indexedDB', descriptor);
      resetJournalForTests();
    }
  });

  it('a full storage quota mid-take: the upload goes on without a local copy, the candidate is told, every byte is stored', async () => {
    const session = await createSession();
    await consentOverHttp(session);
    const put = IDBObjectStore.prototype.put;
    let refused = 0;
    try {
      const widget = await mount(session.endpoint, session.token);
      await passDeviceCheck(widget);
      expect(widget.shadowRoot!.querySelector('[part="no-local-copy"]')).to.equal(null);
      const answered = nextEvent<CandidAnswerDetail>(widget, 'candid-answer', 30000);
      await clickIn(widget, 'button[name="record"]');
      await waitForPhase(widget, 'recording');
      await delay(1500);
      // From now on the device is full: every chunk write's transaction aborts, as IndexedDB's do
      // at the quota (there with a QuotaExceededError).
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        const request = put.apply(this, args);
        // Only the chunk writes themselves (a transaction on the chunks alone).
        if (this.name === 'chunks' && this.transaction.objectStoreNames.length === 1) {
          refused += 1;
          this.transaction.abort();
        }
        return request;
      };
      await waitFor(() => widget.shadowRoot!.querySelector('[part="no-local-copy"]'), 'the candidate is told a reload would lose the take');
      await delay(1500);
      await clickIn(widget, 'button[name="stop"]');
      await submitTake(widget);
      const { detail } = await answered;
      expect(refused, 'chunk writes were refused').to.be.greaterThan(0);
      expect(detail.bytesSent, 'nothing lost').to.equal(detail.bytesRecorded);
      await waitForPhase(widget, 'done', 20000);
      const stored = await storedSession(session.sessionId);
      const sent = stored.answers[0]!.media.reduce((sum, m) => sum + m.sizeBytes, 0);
      expect(sent).to.equal(detail.bytesRecorded);
    } finally {
      IDBObjectStore.prototype.put = put;
    }
  });
});
