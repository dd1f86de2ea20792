import { expect } from '@esm-bundle/chai';
import '../src/index.js';
import type { CandidInterview } from '../src/candid-interview.js';
import { baseMimeType, negotiateAudioMimeType, negotiateMimeType } from '../src/media/mime.js';
import type { CandidAnswerDetail, CandidConsentDetail, CandidProgressDetail } from '../src/events.js';
import {
  createSession,
  delay,
  issueToken,
  nextEvent,
  passDeviceCheck,
  sha256Hex,
  spyOnMediaRecorder,
  storedSession,
  waitFor,
  waitForPhase,
  warmUpServer,
  submitTake,
} from './support/helpers.js';

const shadow = (el: HTMLElement) => el.shadowRoot!;
/** What this engine records: WebM (Chromium, Firefox) or MP4 (WebKit, as Safari). */
const videoType = baseMimeType(negotiateMimeType() ?? '');
const audioType = baseMimeType(negotiateAudioMimeType() ?? '');
/** A file's signature: WebM's EBML header, or an MP4's first box `ftyp` (bytes 4–7). */
async function containerOf(blob: Blob): Promise<string> {
  const hex = [...new Uint8Array(await blob.slice(0, 8).arrayBuffer())].map((b) => b.toString(16).padStart(2, '0')).join('');
  return hex.startsWith('1a45dfa3') ? 'webm' : hex.slice(8) === '66747970' ? 'mp4' : hex;
}
const $ = <T extends Element>(el: HTMLElement, selector: string) => shadow(el).querySelector<T>(selector);

async function click(el: HTMLElement, selector: string) {
  const target = await waitFor(() => $<HTMLElement>(el, selector), selector);
  target.click();
}

describe('<candid-interview> end to end (real server, fake camera)', function () {
  this.timeout(60000);
  let el: CandidInterview | undefined;

  before(async function () {
    this.timeout(90000); // the server's cold start
    await warmUpServer();
  });

  afterEach(() => {
    el?.remove();
    el = undefined;
  });

  it('consents, records ~3 s, uploads while recording, commits and completes', async () => {
    const session = await createSession({
      notice: { version: '2026-11', markdown: '# Privacy notice\n\n<b>Not HTML</b>: we record your answers.' },
      questions: [{ id: 'q1', prompt: 'Why do you want this job?', thinkSeconds: 5, answerSeconds: 60, maxRetakes: 1 }],
    });
    // MediaRecorder blobs, observed independently of the widget (one list per recorder).
    const spy = spyOnMediaRecorder();

    try {
      el = document.createElement('candid-interview');
      const events: string[] = [];
      for (const name of ['candid-ready', 'candid-consent', 'candid-answer', 'candid-complete', 'candid-error']) {
        // Listening on document proves the events bubble out of the shadow tree (composed).
        document.addEventListener(name, () => events.push(name));
      }
      const progress: CandidProgressDetail[] = [];
      el.addEventListener('candid-progress', (e) => progress.push(e.detail));
      const ready = nextEvent(el, 'candid-ready');
      el.setAttribute('endpoint', session.endpoint);
      el.setAttribute('token', session.token);
      document.body.append(el);
      await ready;

      // Consent: the notice is plain text, the boxes start unticked, both buttons exist.
      await waitFor(() => el!.store.getState().phase === 'consent', 'consent phase');
      await el.updateComplete;
      const notice = $<HTMLElement>(el, '[part~="notice"]')!;
      expect(notice.textContent).to.contain('<b>Not HTML</b>');
      expect(notice.querySelector('b')).to.equal(null);
      const boxes = [...shadow(el).querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
      expect(boxes.map((b) => b.name)).to.deep.equal(['recording', 'aiEvaluation', 'productImprovement', 'ageConfirmed']);
      expect(boxes.every((b) => !b.checked)).to.equal(true);
      expect($(el, 'button[name="decline"]')).to.not.equal(null);

      const consent = nextEvent<CandidConsentDetail>(el, 'candid-consent');
      $<HTMLInputElement>(el, 'input[name="recording"]')!.click();
      $<HTMLInputElement>(el, 'input[name="aiEvaluation"]')!.click();
      $<HTMLInputElement>(el, 'input[name="ageConfirmed"]')!.click();
      await click(el, 'button[name="agree"]');
      const consentEvent = await consent;
      expect(consentEvent.detail.accepted).to.equal(true);
      expect(consentEvent.detail.choices).to.deep.equal({ recording: true, aiEvaluation: true, productImprovement: false });

      // Device check: the live preview plays; then Continue.
      await waitForPhase(el, 'check');
      await el.updateComplete;
      const checkVideo = await waitFor(() => $<HTMLVideoElement>(el!, '[part="check"] video[part="preview"]'), 'check preview');
      await waitFor(() => checkVideo.srcObject instanceof MediaStream && checkVideo.readyState >= 2 && checkVideo.videoWidth > 0, 'preview playing');
      expect(checkVideo.muted).to.equal(true);
      await passDeviceCheck(el);
      await el.updateComplete;
      const video = $<HTMLVideoElement>(el, 'video[part="preview"]')!;
      expect(video.srcObject).to.be.instanceOf(MediaStream);
      expect($(el, '[part="prompt"]')!.textContent).to.contain('Why do you want this job?');

      // Record ~3 s; bytes are uploaded while recording.
      await click(el, 'button[name="record"]');
      await waitFor(() => el!.store.getState().phase === 'recording', 'recording phase');
      await el.updateComplete;
      expect($(el, '[role="status"]')!.textContent).to.contain('Recording started');
      await delay(3000);
      const sentWhileRecording = progress.filter((p) => p.bytesSent > 0).length;
      expect(sentWhileRecording, 'progress with bytes on the server before Stop').to.be.greaterThan(0);

      const answered = nextEvent<CandidAnswerDetail>(el, 'candid-answer', 30000);
      const complete = nextEvent(el, 'candid-complete', 30000);
      await click(el, 'button[name="stop"]');
      await submitTake(el);
      const answer = (await answered).detail;
      await complete;

      // Two recorders on the one stream: video+audio, and the audio-only (speech) file.
      const videoBlobs = spy.of('video')!.blobs;
      const audioBlobs = spy.of('audio')!.blobs;
      expect(spy.recorders).to.have.length(2);
      expect(baseMimeType(spy.of('audio')!.mimeType)).to.equal(audioType);
      const size = (blobs: Blob[]) => blobs.reduce((sum, blob) => sum + blob.size, 0);
      const producedBytes = size(videoBlobs) + size(audioBlobs);
      expect(size(videoBlobs)).to.be.greaterThan(10000);
      expect(size(audioBlobs)).to.be.greaterThan(1000);
      expect(answer.questionId).to.equal('q1');
      expect(answer.recovered).to.equal(false);
      expect(answer.bytesRecorded).to.equal(producedBytes);
      expect(answer.bytesSent).to.equal(producedBytes);
      expect(baseMimeType(answer.mimeType)).to.equal(videoType);
      expect(answer.durationMs).to.be.within(2500, 6000);
      expect(progress.at(-1)).to.deep.equal({
        questionId: 'q1',
        attempt: 1,
        bytesSent: producedBytes,
        bytesRecorded: producedBytes,
        answersCommitted: 1,
        questionCount: 1,
        overall: 1,
      });

      // Done screen; camera released.
      await waitFor(() => el!.store.getState().phase === 'done', 'done phase');
      await el.updateComplete;
      expect($(el, '[part="done"]')).to.not.equal(null);
      expect(el.getAttribute('phase')).to.equal('done');
      expect(video.srcObject === null || (video.srcObject as MediaStream).getTracks().every((t) => t.readyState === 'ended')).to.equal(true);
      expect(events).to.deep.equal(['candid-ready', 'candid-consent', 'candid-answer', 'candid-complete']);

      // Server side: both tracks byte-identical to what the recorders produced; session completed.
      const stored = await storedSession(session.sessionId);
      expect(stored.status).to.equal('completed');
      expect(stored.answers).to.have.length(1);
      const media = stored.answers[0]!.media.find((m) => m.track === 'video')!;
      expect(media.firstBytesHex, media.firstBytesError).to.be.a('string');
      expect(await containerOf(new Blob(videoBlobs)), 'the stored bytes are these').to.equal(videoType.split('/')[1]);
      expect(media.sizeBytes).to.equal(size(videoBlobs));
      expect(media.sha256).to.equal(await sha256Hex(new Blob(videoBlobs)));
      expect(baseMimeType(media.mimeType)).to.equal(videoType);
      const audio = stored.answers[0]!.media.find((m) => m.track === 'audio')!;
      expect(baseMimeType(audio.mimeType)).to.equal(audioType);
      expect(await containerOf(new Blob(audioBlobs))).to.equal(audioType.split('/')[1]);
      expect(audio.sha256).to.equal(await sha256Hex(new Blob(audioBlobs)));
      expect(answer.media.find((m) => m.track === 'video')?.sha256).to.equal(media.sha256);
    } finally {
      spy.restore();
    }
  });

  it('resumes a session: answered questions are skipped, consent is not asked again', async () => {
    const session = await createSession({
      questions: [
        { id: 'q1', prompt: 'First question', thinkSeconds: 5, answerSeconds: 60, maxRetakes: 1 },
        { id: 'q2', prompt: 'Second question', thinkSeconds: 5, answerSeconds: 5, maxRetakes: 1 },
      ],
    });
    // First visit: consent and answer q1, then leave.
    el = document.createElement('candid-interview');
    el.endpoint = session.endpoint;
    el.token = session.token;
    document.body.append(el);
    await waitFor(() => el!.store.getState().phase === 'consent', 'consent phase');
    await el.updateComplete;
    $<HTMLInputElement>(el, 'input[name="recording"]')!.click();
    $<HTMLInputElement>(el, 'input[name="ageConfirmed"]')!.click();
    await click(el, 'button[name="agree"]');
    await passDeviceCheck(el);
    const first = nextEvent<CandidAnswerDetail>(el, 'candid-answer', 30000);
    await click(el, 'button[name="record"]');
    await delay(1200);
    await click(el, 'button[name="stop"]');
    await submitTake(el);
    expect((await first).detail.questionId).to.equal('q1');
    await waitFor(() => el!.store.getState().phase === 'ready', 'ready for q2');
    el.remove();

    // Second visit: straight to q2; its 5 s limit stops the recording by itself (then review).
    el = document.createElement('candid-interview');
    el.endpoint = session.endpoint;
    el.token = session.token;
    const ready = nextEvent<{ remainingCount: number; questionCount: number }>(el, 'candid-ready');
    document.body.append(el);
    const readyDetail = (await ready).detail;
    expect(readyDetail).to.include({ questionCount: 2, remainingCount: 1 });
    await passDeviceCheck(el);
    await el.updateComplete;
    expect($(el, '[part="prompt"]')!.textContent).to.contain('Second question');
    const second = nextEvent<CandidAnswerDetail>(el, 'candid-answer', 30000);
    const complete = nextEvent(el, 'candid-complete', 30000);
    await click(el, 'button[name="record"]');
    await submitTake(el); // the time limit stopped the take: it is under review
    const detail = (await second).detail;
    expect(detail.questionId).to.equal('q2');
    expect(detail.durationMs).to.be.within(4500, 6500);
    await complete;
    const stored = await storedSession(session.sessionId);
    expect(stored.status).to.equal('completed');
    expect(stored.answers.map((a) => a.questionId).sort()).to.deep.equal(['q1', 'q2']);
  });

  it('a fresh token for the same session resumes at the first unanswered question', async () => {
    const session = await createSession({
      questions: [
        { id: 'q1', prompt: 'First question', thinkSeconds: 5, answerSeconds: 60, maxRetakes: 1 },
        { id: 'q2', prompt: 'Second question', thinkSeconds: 5, answerSeconds: 60, maxRetakes: 1 },
      ],
    });
    el = document.createElement('candid-interview');
    el.endpoint = session.endpoint;
    el.token = session.token;
    document.body.append(el);
    await waitForPhase(el, 'consent');
    await el.updateComplete;
    $<HTMLInputElement>(el, 'input[name="recording"]')!.click();
    $<HTMLInputElement>(el, 'input[name="ageConfirmed"]')!.click();
    await click(el, 'button[name="agree"]');
    await passDeviceCheck(el);
    const first = nextEvent<CandidAnswerDetail>(el, 'candid-answer', 30000);
    await click(el, 'button[name="record"]');
    await delay(1500);
    await click(el, 'button[name="stop"]');
    await submitTake(el);
    expect((await first).detail.questionId).to.equal('q1');
    el.remove();

    // Days later: the ATS issues a new link (token) for the same session.
    const fresh = await issueToken(session.sessionId);
    expect(fresh.token).to.not.equal(session.token);
    el = document.createElement('candid-interview');
    el.endpoint = session.endpoint;
    el.token = fresh.token;
    const ready = nextEvent<{ remainingCount: number; questionCount: number }>(el, 'candid-ready');
    document.body.append(el);
    expect((await ready).detail).to.include({ questionCount: 2, remainingCount: 1 });
    await passDeviceCheck(el);
    await el.updateComplete;
    expect($(el, '[part="prompt"]')!.textContent).to.contain('Second question');
    expect($(el, '[part="counter"]')!.textContent).to.contain('Question 2 of 2');
    expect($(el, '[part="overall"]')!.textContent).to.contain('1 of 2 answers saved');
  });
});
