// What cuts a recording short from outside the widget (issue 16): the page hidden mid-answer (an
// app switch, a locked phone) and a camera track that ends (unplugged, taken by another app). Each
// ends the take as an interruption: what was recorded is uploaded whole and decodes, the candidate
// is told why, and recording again uses no retake. Real engine, fake devices, real server + ffmpeg.
import { expect } from '@esm-bundle/chai';
import '../src/index.js';
import type { CandidInterview } from '../src/candid-interview.js';
import type { CandidAnswerDetail } from '../src/events.js';
import {
  clickIn,
  consentOverHttp,
  createSession,
  delay,
  expectPlayable,
  hidePage,
  nextEvent,
  passDeviceCheck,
  probeMedia,
  storedSession,
  waitFor,
  waitForPhase,
  warmUpServer,
} from './support/helpers.js';

const $ = <T extends Element = HTMLElement>(el: HTMLElement, selector: string) => el.shadowRoot!.querySelector<T>(selector);

/**
 * What the browser does when a camera goes away: the track says it ended, and is ended. (`stop()`
 * alone fires no `ended` event; Firefox delivers no synthetic one to listeners, and the widget
 * then sees the ended state.)
 */
function endTrack(track: MediaStreamTrack): void {
  track.dispatchEvent(new Event('ended'));
  track.stop();
}

describe('interruptions while recording', function () {
  this.timeout(90000);
  let el: CandidInterview | undefined;
  before(async function () {
    this.timeout(120000);
    await warmUpServer();
  });
  afterEach(() => {
    el?.remove();
    el = undefined;
  });

  async function start(maxRetakes: number): Promise<{ widget: CandidInterview; sessionId: string }> {
    const session = await createSession({ questions: [{ id: 'q1', prompt: 'Tell us about a hard problem.', thinkSeconds: 0, answerSeconds: 60, maxRetakes }] });
    await consentOverHttp(session);
    el = document.createElement('candid-interview') as CandidInterview;
    el.endpoint = session.endpoint;
    el.token = session.token;
    document.body.append(el);
    await passDeviceCheck(el);
    return { widget: el, sessionId: session.sessionId };
  }

  it('a hidden page ends the take as an interruption; recording again uses no retake; the new take is stored whole', async () => {
    const { widget, sessionId } = await start(0);
    await clickIn(widget, 'button[name="record"]');
    await waitForPhase(widget, 'recording');
    await delay(2500);
    const show = hidePage();
    try {
      await waitForPhase(widget, 'review');
    } finally {
      show();
    }
    await widget.updateComplete;
    const state = widget.store.getState();
    expect(state.interruption).to.equal('hidden');
    expect($(widget, '[part~="interruption-notice"]')!.textContent).to.contain('you left this page');
    expect($(widget, '[part~="review"]')!.textContent, 'no "no retakes left" next to a free re-record').to.not.contain('No retakes left');
    const again = $(widget, 'button[name="retake"]')!;
    expect(again.textContent, 'offered although the question allows no retake').to.contain('does not count as a retake');
    again.click();
    await waitForPhase(widget, 'ready');
    expect(widget.store.getState().attempt, 'the same attempt').to.equal(1);
    expect(widget.store.getState().interruption).to.equal(null);

    const answered = nextEvent<CandidAnswerDetail>(widget, 'candid-answer', 30000);
    await clickIn(widget, 'button[name="record"]');
    await waitForPhase(widget, 'recording');
    await delay(4000);
    await clickIn(widget, 'button[name="stop"]');
    await waitForPhase(widget, 'review');
    await widget.updateComplete;
    expect($(widget, '[part~="interruption-notice"]'), 'a take stopped by the candidate').to.equal(null);
    expect($(widget, 'button[name="retake"]'), 'no retakes: the question allows none').to.equal(null);
    await clickIn(widget, 'button[name="submit"]');
    const { detail } = await answered;
    expect(detail.attempt).to.equal(1);
    expect(detail.bytesSent, 'nothing lost').to.equal(detail.bytesRecorded);
    await waitForPhase(widget, 'done', 20000);

    const stored = await storedSession(sessionId);
    expect(stored.answers.map((a) => a.attempt)).to.deep.equal([1]);
    const media = await probeMedia(sessionId);
    expect(media.map((m) => m.track), 'the video file is stored').to.include('video');
    for (const file of media) {
      expect(file.durationMs, 'the second take (~4 s), not the interrupted one').to.be.within(3500, 6500);
      expectPlayable(file);
    }
  });

  it('a camera track that ends mid-answer: the take so far is kept, uploaded whole and decodes; or the camera opens again for a free re-record', async () => {
    const { widget, sessionId } = await start(1);
    await clickIn(widget, 'button[name="record"]');
    await waitForPhase(widget, 'recording');
    await delay(4000);
    const preview = $<HTMLVideoElement>(widget, 'video[part~="preview"]')!;
    const lost = (preview.srcObject as MediaStream).getVideoTracks()[0]!;
    endTrack(lost);
    await waitForPhase(widget, 'review');
    await widget.updateComplete;
    expect(widget.store.getState().interruption).to.equal('device');
    expect($(widget, '[part~="interruption-notice"]')!.textContent).to.contain('camera or microphone');
    const firstTakeMs = widget.store.getState().reviewDurationMs!;
    expect(firstTakeMs, 'recorded until the cut').to.be.within(3000, 7000);

    // Record again: the camera is opened again, the attempt stays 1.
    await clickIn(widget, 'button[name="retake"]');
    await waitForPhase(widget, 'ready');
    await widget.updateComplete;
    const reopened = await waitFor(() => {
      const stream = $<HTMLVideoElement>(widget, 'video[part~="preview"]')?.srcObject as MediaStream | null;
      return stream && stream.getVideoTracks()[0] !== lost && stream.getTracks().every((t) => t.readyState === 'live') ? stream : null;
    }, 'a live camera again');
    expect(reopened.getVideoTracks()).to.have.length(1);
    expect(widget.store.getState().attempt).to.equal(1);

    // Cut again, and this time keep it: it is the answer.
    await clickIn(widget, 'button[name="record"]');
    await waitForPhase(widget, 'recording');
    await delay(3000);
    const track = reopened.getVideoTracks()[0]!;
    endTrack(track);
    await waitForPhase(widget, 'review');
    const answered = nextEvent<CandidAnswerDetail>(widget, 'candid-answer', 30000);
    await clickIn(widget, 'button[name="submit"]');
    const { detail } = await answered;
    expect(detail.attempt).to.equal(1);
    expect(detail.bytesSent, 'nothing lost').to.equal(detail.bytesRecorded);
    await waitForPhase(widget, 'done', 20000);
    const media = await probeMedia(sessionId);
    expect(media.map((m) => m.track)).to.include('video');
    for (const file of media) {
      expect(file.durationMs, 'the kept take (~3 s)').to.be.within(2500, 5500);
      expectPlayable(file);
    }
  });
});
