// The camera view is sacred: once recording starts, the candidate's own preview never restarts,
// never goes black. Lit re-commits object bindings on every render, and every `srcObject`
// assignment restarts a video: the preview used to flash black about four times a second.
import { expect } from '@esm-bundle/chai';
import '../src/index.js';
import type { CandidInterview } from '../src/candid-interview.js';
import { clickIn, consentOverHttp, createSession, delay, passDeviceCheck, submitTake, waitFor, waitForPhase } from './support/helpers.js';

describe('the live preview while recording', function () {
  this.timeout(60000);
  let el: CandidInterview | undefined;
  afterEach(() => {
    el?.remove();
    el = undefined;
  });

  it('keeps playing for 6+ s of recording: same element and stream, no emptied/loadstart, currentTime advancing', async () => {
    const session = await createSession({ questions: [{ id: 'q1', prompt: 'Walk us through your last project.', thinkSeconds: 0, answerSeconds: 60, maxRetakes: 0 }] });
    await consentOverHttp(session);
    el = document.createElement('candid-interview');
    el.endpoint = session.endpoint;
    el.token = session.token;
    document.body.append(el);
    const widget = el;
    await passDeviceCheck(widget);
    const preview = await waitFor(() => widget.shadowRoot!.querySelector<HTMLVideoElement>('video[part="preview"]'), 'preview');
    await waitFor(() => preview.readyState >= 2, 'preview playing');

    // Count every restart signal and every srcObject assignment from here on.
    const events: string[] = [];
    for (const type of ['emptied', 'loadstart', 'abort']) preview.addEventListener(type, () => events.push(type));
    const native = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'srcObject')!;
    let assignments = 0;
    Object.defineProperty(preview, 'srcObject', {
      configurable: true,
      get: () => native.get!.call(preview),
      set: (value: MediaStream | null) => {
        assignments += 1;
        native.set!.call(preview, value);
      },
    });
    const stream = preview.srcObject;

    await clickIn(widget, 'button[name="record"]');
    await waitForPhase(widget, 'recording');
    const samples: number[] = [];
    for (let i = 0; i < 14; i++) {
      await delay(475);
      samples.push(preview.currentTime);
      expect(widget.shadowRoot!.querySelector('video[part="preview"]'), 'the same video element').to.equal(preview);
    }
    expect(widget.store.getState().phase).to.equal('recording');
    expect(Date.now() - widget.store.getState().recordingStartedAt!, 'recorded at least 6 s').to.be.at.least(6000);
    expect(events, 'no restart of the preview').to.deep.equal([]);
    expect(assignments, 'srcObject never re-set').to.equal(0);
    expect(preview.srcObject, 'same stream').to.equal(stream);
    expect(preview.paused).to.equal(false);
    for (let i = 1; i < samples.length; i++) expect(samples[i]!, `currentTime advancing (sample ${i}: ${samples.join(', ')})`).to.be.greaterThan(samples[i - 1]!);

    await clickIn(widget, 'button[name="stop"]');
    await submitTake(widget);
    await waitForPhase(widget, 'done', 30000);
  });
});
