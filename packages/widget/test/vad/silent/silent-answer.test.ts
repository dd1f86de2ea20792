// The microphone plays fixtures/generated/silence.wav (group `vad-silent`): faint noise, no speech.
import { expect } from '@esm-bundle/chai';
import '../../../src/index.js';
import { en } from '../../../src/lang/en.js';
import { NUDGE_AFTER_MS } from '../../../src/controllers/vad-controller.js';
import { clickIn, delay, nextEvent, passDeviceCheck, storedSession, submitTake, waitFor, waitForPhase } from '../../support/helpers.js';
import { ASSETS_BASE, consentedWidget, part, waitForSpeechCheck, type StoredAnswer, type Widget } from '../vad-helpers.js';

describe('VAD on a silent microphone (silence.wav)', function () {
  this.timeout(90000);
  let el: Widget | undefined;

  afterEach(() => {
    el?.remove();
    el = undefined;
  });

  it('asks for a few words, nudges during the answer, and commits it flagged silent', async () => {
    const created = await consentedWidget({ assetsBase: ASSETS_BASE });
    el = created.el;

    // The speech check appears (VAD loaded) and stays unticked.
    await waitForPhase(el, 'check');
    const check = await waitForSpeechCheck(el, 'no');
    expect(check.textContent).to.contain(en.speechCheckPrompt);
    await delay(3000);
    expect(part(el, 'speech-check')?.dataset.heard).to.equal('no');
    await passDeviceCheck(el);

    await clickIn(el, 'button[name="record"]');
    await waitForPhase(el, 'recording');
    const startedAt = performance.now();
    await delay(NUDGE_AFTER_MS - 1500);
    expect(part(el, 'speech-nudge'), 'no nudge before the first seconds are over').to.equal(null);
    const nudge = await waitFor(() => part(el!, 'speech-nudge'), 'the nudge', 5000);
    const shownAfter = performance.now() - startedAt;
    expect(nudge.textContent).to.contain(en.noSpeechNudge);
    expect(nudge.getAttribute('role')).to.equal('status'); // polite, not an alert
    expect(shownAfter).to.be.within(NUDGE_AFTER_MS - 300, NUDGE_AFTER_MS + 1500);
    await delay(1000);

    const answered = nextEvent(el, 'candid-answer', 30000);
    await clickIn(el, 'button[name="stop"]');
    await submitTake(el);
    await answered;
    expect(part(el, 'speech-nudge'), 'nudge gone after Stop').to.equal(null);

    const stored = (await storedSession(created.session.sessionId)) as unknown as { answers: StoredAnswer[] };
    const answer = stored.answers.find((a) => a.questionId === 'q1')!;
    expect(answer.durationMs).to.be.greaterThan(NUDGE_AFTER_MS);
    expect(answer.speechSegments).to.deep.equal([]);
    expect(answer.silent).to.equal(true);
  });
});
