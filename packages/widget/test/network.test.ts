import { expect } from '@esm-bundle/chai';
import '../src/index.js';
import type { CandidInterview } from '../src/candid-interview.js';
import type { CandidAnswerDetail } from '../src/events.js';
import {
  clickIn,
  consentOverHttp,
  createSession,
  delay,
  networkCut,
  nextEvent,
  passDeviceCheck,
  proxyEndpoint,
  proxyStats,
  sha256Hex,
  spyOnMediaRecorder,
  storedSession,
  waitFor,
  waitForPhase,
  submitTake,
} from './support/helpers.js';

const size = (blobs: Blob[]) => blobs.reduce((sum, b) => sum + b.size, 0);

describe('network faults (a proxy between widget and server)', function () {
  this.timeout(60000);
  let el: CandidInterview | undefined;
  afterEach(() => {
    el?.remove();
    el = undefined;
  });

  async function mount(endpoint: string, token: string): Promise<CandidInterview> {
    el = document.createElement('candid-interview');
    el.endpoint = endpoint;
    el.token = token;
    document.body.append(el);
    await passDeviceCheck(el);
    return el;
  }

  it('cut mid-recording: uploads retry and resume from the server offset; stored files are byte-identical', async () => {
    const endpoint = await proxyEndpoint();
    const session = await createSession({ questions: [{ id: 'q1', prompt: 'Cut', thinkSeconds: 5, answerSeconds: 60, maxRetakes: 1 }] });
    await consentOverHttp(session);
    const spy = spyOnMediaRecorder();
    try {
      const widget = await mount(endpoint, session.token);
      let sawReconnecting = false;
      const unsubscribe = widget.store.subscribe((s) => {
        if (s.reconnecting) sawReconnecting = true;
      });
      const answered = nextEvent<CandidAnswerDetail>(widget, 'candid-answer', 45000);
      await clickIn(widget, 'button[name="record"]');
      await waitFor(() => (widget.store.getState().progress?.bytesSent ?? 0) > 0, 'bytes on the server before the cut');
      await delay(1200);

      await networkCut(3000);
      const sentAtCut = widget.store.getState().progress!.bytesSent;
      await delay(2500);
      // Still recording; bytes pile up in the journal; the banner says so, calmly.
      expect(widget.store.getState().phase).to.equal('recording');
      expect(sawReconnecting, 'requests failed and are being retried').to.equal(true);
      await widget.updateComplete;
      const banner = widget.shadowRoot!.querySelector('[part="network"]');
      expect(banner?.getAttribute('data-state')).to.equal('reconnecting');
      const during = widget.store.getState().progress!;
      expect(during.bytesRecorded).to.be.greaterThan(sentAtCut);

      // The network is back: the backlog goes out while recording continues.
      await waitFor(() => !widget.store.getState().reconnecting, 'reconnected', 15000);
      await waitFor(() => widget.store.getState().progress!.bytesSent > during.bytesRecorded, 'backlog uploaded', 15000);
      await clickIn(widget, 'button[name="stop"]');
      await submitTake(widget);
      const answer = (await answered).detail;
      unsubscribe();

      const stored = await storedSession(session.sessionId);
      const media = stored.answers[0]!.media;
      expect(media.map((m) => m.track).sort()).to.deep.equal(['audio', 'video']);
      const stats = await proxyStats();
      for (const kind of ['video', 'audio'] as const) {
        const blobs = spy.of(kind)!.blobs;
        const file = media.find((m) => m.track === kind)!;
        expect(file.sizeBytes, `${kind} size`).to.equal(size(blobs));
        expect(file.sha256, `${kind} sha256`).to.equal(await sha256Hex(new Blob(blobs)));
        const resent = stats[file.uploadId!]!.patchBytes - file.sizeBytes;
        expect(resent, `${kind} bytes re-sent`).to.be.at.most(Math.max(...blobs.map((b) => b.size)));
      }
      expect(answer.bytesSent).to.equal(answer.bytesRecorded);
    } finally {
      spy.restore();
    }
  });

  it('offline/online: a calm banner while offline, and retrying at once when back', async () => {
    const session = await createSession();
    await consentOverHttp(session);
    const widget = await mount(session.endpoint, session.token);
    expect(widget.shadowRoot!.querySelector('[part="network"]')).to.equal(null);
    window.dispatchEvent(new Event('offline'));
    await widget.updateComplete;
    expect(widget.store.getState().online).to.equal(false);
    const banner = widget.shadowRoot!.querySelector('[part="network"]')!;
    expect(banner.getAttribute('data-state')).to.equal('offline');
    expect(banner.getAttribute('role')).to.equal('status');
    expect(banner.textContent).to.contain('saved on this device');
    window.dispatchEvent(new Event('online'));
    await widget.updateComplete;
    expect(widget.shadowRoot!.querySelector('[part="network"]')).to.equal(null);
  });

  it('asks before leaving the page only while recorded bytes are unsent', async () => {
    const session = await createSession();
    await consentOverHttp(session);
    const widget = await mount(session.endpoint, session.token);
    const leave = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(leave(), 'nothing recorded yet').to.equal(false);
    const answered = nextEvent(widget, 'candid-answer', 30000);
    await clickIn(widget, 'button[name="record"]');
    await waitForPhase(widget, 'recording');
    await widget.updateComplete;
    expect(leave(), 'while recording').to.equal(true);
    await delay(1200);
    await clickIn(widget, 'button[name="stop"]');
    await submitTake(widget);
    await answered;
    await waitForPhase(widget, 'done');
    await widget.updateComplete;
    expect(leave(), 'everything committed').to.equal(false);
  });

  it('leaves no leave-page prompt behind when the element is removed mid-recording', async () => {
    const session = await createSession();
    await consentOverHttp(session);
    const widget = await mount(session.endpoint, session.token);
    await clickIn(widget, 'button[name="record"]');
    await waitForPhase(widget, 'recording');
    await delay(1200);
    widget.remove();
    el = undefined;
    await delay(500); // the recorders' last chunks arrive and trigger late updates
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    expect(event.defaultPrevented).to.equal(false);
  });
});
