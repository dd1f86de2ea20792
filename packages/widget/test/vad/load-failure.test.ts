// VAD assets that cannot load (assets-base pointing to a 404): the interview works as before, the
// candidate sees nothing about it, the developer gets one console warning, and the answer is
// committed without speech segments. Also: the VAD chunk is not fetched before it is needed.
import { expect } from '@esm-bundle/chai';
import '../../src/index.js';
import { clickIn, createSession, delay, nextEvent, passDeviceCheck, storedSession, submitTake, waitFor, waitForPhase } from '../support/helpers.js';
import { ASSETS_BASE, consentedWidget, fetched, part, waitForSpeechCheck, type StoredAnswer, type Widget } from './vad-helpers.js';

describe('VAD loading', function () {
  this.timeout(60000);
  let el: Widget | undefined;
  const warn = console.warn;

  afterEach(() => {
    console.warn = warn;
    el?.remove();
    el = undefined;
  });

  it('is not fetched before the device check, then loads its chunk, worklet, model and wasm from assets-base', async () => {
    const session = await createSession();
    el = document.createElement('candid-interview') as Widget;
    el.setAttribute('assets-base', ASSETS_BASE);
    el.setAttribute('endpoint', session.endpoint);
    el.setAttribute('token', session.token);
    document.body.append(el);
    await waitForPhase(el, 'consent');
    await delay(500);
    expect(fetched('candid-vad.js'), 'VAD chunk before consent').to.deep.equal([]);
    expect(fetched('.wasm')).to.deep.equal([]);

    el.shadowRoot!.querySelector<HTMLInputElement>('input[name="recording"]')!.click();
    el.shadowRoot!.querySelector<HTMLInputElement>('input[name="ageConfirmed"]')!.click();
    await clickIn(el, 'button[name="agree"]');
    await waitForPhase(el, 'check');
    await waitForSpeechCheck(el, 'yes'); // speech.wav: the VAD runs and hears it
    // (The worklet module is loaded too, but worklet loads have no resource timing entry.)
    for (const file of ['candid-vad.js', 'silero_vad_v5.onnx', 'ort-wasm-simd-threaded.wasm', 'ort-wasm-simd-threaded.mjs']) {
      const urls = fetched(file);
      expect(urls.length, file).to.be.greaterThan(0);
      expect(urls.every((u) => u.startsWith(new URL(ASSETS_BASE, location.href).href)), `${file} from assets-base`).to.equal(true);
    }
  });

  it('a 404 assets-base: nothing shown, one developer warning, the answer is committed without segments', async () => {
    const warnings: string[] = [];
    console.warn = (...args: unknown[]) => {
      warnings.push(args.map(String).join(' '));
      warn.apply(console, args);
    };
    const created = await consentedWidget({ assetsBase: '/no-such-folder/' });
    el = created.el;
    const errors: unknown[] = [];
    el.addEventListener('candid-error', (e) => errors.push((e as CustomEvent).detail));

    await waitForPhase(el, 'check');
    await waitFor(() => warnings.some((w) => w.includes('VAD_UNAVAILABLE')), 'the devlog warning');
    await el.updateComplete;
    expect(part(el, 'speech-check'), 'no speech check without VAD').to.equal(null);
    expect(el.shadowRoot!.querySelector('[role="alert"]'), 'nothing alarming').to.equal(null);
    expect(el.shadowRoot!.textContent).to.not.match(/VAD|voice|failed|error/i);
    await passDeviceCheck(el);

    await clickIn(el, 'button[name="record"]');
    await waitForPhase(el, 'recording');
    await delay(6500); // past the nudge delay: no nudge without a VAD
    expect(part(el, 'speech-nudge')).to.equal(null);
    const answered = nextEvent(el, 'candid-answer', 30000);
    await clickIn(el, 'button[name="stop"]');
    await submitTake(el);
    await answered;

    const stored = (await storedSession(created.session.sessionId)) as unknown as { answers: StoredAnswer[] };
    const answer = stored.answers.find((a) => a.questionId === 'q1')!;
    expect(answer.durationMs).to.be.greaterThan(6000);
    expect(answer.speechSegments).to.deep.equal([]);
    expect(answer.silent).to.equal(false);
    expect(errors).to.deep.equal([]);
    expect(warnings.filter((w) => w.includes('VAD_UNAVAILABLE')).length).to.equal(1);
  });
});
