// The microphone plays fixtures/generated/speech-pauses.wav (group `vad-pauses` in
// web-test-runner.config.mjs): three sentences separated by known silences (speech-pauses.json).
// Chromium starts the file when the capture device opens and loops it, so the file position at
// the moment Record is clicked is (record time − getUserMedia resolve time) mod file length. From
// that alone the test predicts every speech boundary in the answer and checks the committed
// segments against them, both ways, within ±300 ms (no alignment on what the VAD found).
import { expect } from '@esm-bundle/chai';
import '../../../src/index.js';
import { clickIn, delay, nextEvent, passDeviceCheck, storedSession, submitTake, waitFor, waitForPhase } from '../../support/helpers.js';
import { journaled } from '../../support/journal-db.js';
import { ASSETS_BASE, consentedWidget, part, waitForSpeechCheck, type StoredAnswer, type Widget } from '../vad-helpers.js';

interface Fixture {
  speech: Array<{ startMs: number; endMs: number }>;
  durationMs: number;
}

const TOLERANCE_MS = 300;
const RECORD_MS = 14000;

type Boundary = { kind: 'start' | 'end'; ms: number };

/** Speech boundaries of the looped file inside (margin, T - margin) of a recording that began at file position `positionMs`. */
function expectedBoundaries(fx: Fixture, positionMs: number, durationMs: number, margin: number): Boundary[] {
  const out: Boundary[] = [];
  for (let k = -1; k <= 2; k++) {
    for (const s of fx.speech) {
      out.push({ kind: 'start', ms: s.startMs - positionMs + k * fx.durationMs });
      out.push({ kind: 'end', ms: s.endMs - positionMs + k * fx.durationMs });
    }
  }
  return out.filter((b) => b.ms > margin && b.ms < durationMs - margin).sort((a, b) => a.ms - b.ms);
}

describe('VAD speech segments (speech-pauses.wav)', function () {
  this.timeout(120000);
  let el: Widget | undefined;
  const gum = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);

  afterEach(() => {
    navigator.mediaDevices.getUserMedia = gum;
    el?.remove();
    el = undefined;
  });

  it('ticks the speech check, never nudges, and commits segments within ±300 ms of the sentence boundaries', async () => {
    const fx = (await (await fetch('/fixtures/generated/speech-pauses.json')).json()) as Fixture;
    // When the fake microphone opened (the file starts then), and that nothing opens a second one.
    const opened: number[] = [];
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await gum(constraints);
      opened.push(performance.now());
      return stream;
    };
    const created = await consentedWidget({ assetsBase: ASSETS_BASE });
    el = created.el;

    // Device check: "say a few words" is ticked once the VAD hears the file's speech.
    await waitForPhase(el, 'check');
    const check = await waitForSpeechCheck(el, 'yes');
    expect(check.textContent).to.contain('We can hear you');
    await passDeviceCheck(el);

    await waitFor(() => el!.shadowRoot?.querySelector('button[name="record"]:not([disabled])'), 'record button');
    const recordAt = performance.now();
    await clickIn(el, 'button[name="record"]');
    await waitForPhase(el, 'recording');
    // The longest silence in the file is 3 s: the 5 s nudge must never show.
    let nudged = false;
    const until = performance.now() + RECORD_MS;
    while (performance.now() < until) {
      if (part(el, 'speech-nudge')) nudged = true;
      await delay(200);
    }
    const answered = nextEvent(el, 'candid-answer', 30000);
    await clickIn(el, 'button[name="stop"]');
    await submitTake(el);
    await answered;
    expect(opened.length, 'getUserMedia calls (the VAD must share the stream)').to.equal(1);
    expect(nudged, 'nudge shown although speech was heard').to.equal(false);

    const stored = (await storedSession(created.session.sessionId)) as unknown as { answers: StoredAnswer[] };
    const answer = stored.answers.find((a) => a.questionId === 'q1')!;
    const segments = answer.speechSegments;
    const T = answer.durationMs!;
    expect(answer.silent).to.equal(false);

    const position = (((recordAt - opened[0]!) % fx.durationMs) + fx.durationMs) % fx.durationMs;
    const expected = expectedBoundaries(fx, position, T, TOLERANCE_MS);
    const detected: Boundary[] = segments
      .flatMap((s) => [
        { kind: 'start' as const, ms: s.startMs },
        { kind: 'end' as const, ms: s.endMs },
      ])
      .filter((b) => b.ms > TOLERANCE_MS && b.ms < T - TOLERANCE_MS);
    const near = (list: Boundary[], b: Boundary) => list.find((x) => x.kind === b.kind && Math.abs(x.ms - b.ms) <= TOLERANCE_MS);
    const errors = expected.map((b) => (near(detected, b)?.ms ?? NaN) - b.ms);
    console.log(`[vad] ${T} ms answer from file position ${Math.round(position)} ms; segments ${JSON.stringify(segments)}; boundary errors (ms) ${JSON.stringify(errors)}`);

    // A 14 s window of the 18 s file always holds at least 3 boundaries.
    expect(expected.length, 'boundaries to check').to.be.greaterThan(2);
    for (const b of expected) expect(near(detected, b), `expected ${b.kind} at ${Math.round(b.ms)} ms; got ${JSON.stringify(segments)}`).to.not.equal(undefined);
    for (const b of detected) expect(near(expected, b), `unexpected ${b.kind} at ${b.ms} ms; expected ${JSON.stringify(expected)}`).to.not.equal(undefined);
  });
  it('journals the verdict with the take: submitted after the page went away, the answer still carries its segments', async () => {
    const created = await consentedWidget({ assetsBase: ASSETS_BASE });
    el = created.el;
    const { sessionId } = created.session;
    await waitForPhase(el, 'check');
    await waitForSpeechCheck(el, 'yes');
    await passDeviceCheck(el);
    await waitFor(() => el!.shadowRoot?.querySelector('button[name="record"]:not([disabled])'), 'record button');
    await clickIn(el, 'button[name="record"]');
    await waitForPhase(el, 'recording');
    await delay(7000); // longer than the file's longest silence: speech is heard
    await clickIn(el, 'button[name="stop"]');
    await waitForPhase(el, 'review');
    const records = await waitFor(async () => {
      const uploads = await journaled(sessionId);
      return uploads.length > 0 && uploads.every((u) => u.stopped && u.speech) ? uploads : null;
    }, 'the verdict in the journal', 15000);
    const verdict = records[0]!.speech!;
    expect(verdict.silent).to.equal(false);
    expect(verdict.speechSegments.length, 'segments journaled').to.be.greaterThan(0);

    // The page goes away during review; the next visit asks, and the candidate submits.
    el.remove();
    el = document.createElement('candid-interview') as Widget;
    el.setAttribute('assets-base', ASSETS_BASE);
    el.setAttribute('endpoint', created.session.endpoint);
    el.setAttribute('token', created.session.token);
    document.body.append(el);
    await waitForPhase(el, 'interrupted', 30000);
    const answered = nextEvent(el, 'candid-answer', 30000);
    await clickIn(el, 'button[name="keep"]');
    await answered;
    const stored = (await storedSession(sessionId)) as unknown as { answers: StoredAnswer[] };
    const answer = stored.answers.find((a) => a.questionId === 'q1')!;
    expect(answer.speechSegments, 'the journaled segments were committed').to.deep.equal(verdict.speechSegments);
    expect(answer.silent).to.equal(false);
  });
});
