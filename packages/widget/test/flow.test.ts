// The interview flow around each answer: consent notice (safe Markdown), intro and practice, think
// time, the answer timer with warning and extension, review and retake, requests and withdrawal.
// Real Chromium with a fake camera and microphone, against the real server.
import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import '../src/index.js';
import type { CandidInterview } from '../src/candid-interview.js';
import type { CandidAnswerDetail, CandidRequestDetail, CandidWithdrawnDetail } from '../src/events.js';
import {
  clickIn,
  consentOverHttp,
  createSession,
  delay,
  nextEvent,
  passDeviceCheck,
  spyOnMediaRecorder,
  storedSession,
  submitTake,
  waitFor,
  waitForPhase,
  warmUpServer,
  type TestQuestion,
} from './support/helpers.js';

const $ = <T extends Element = HTMLElement>(el: HTMLElement, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const q = (over: Partial<TestQuestion> = {}): TestQuestion => ({ id: 'q1', prompt: 'Tell us about a hard problem.', thinkSeconds: 0, answerSeconds: 60, maxRetakes: 1, ...over });

describe('interview flow', function () {
  this.timeout(60000);
  let el: CandidInterview | undefined;
  before(async function () {
    this.timeout(90000); // the server's cold start
    await warmUpServer();
  });
  afterEach(() => {
    el?.remove();
    el = undefined;
    delete (window as { __pwned?: unknown }).__pwned;
  });

  async function mount(session: { endpoint: string; token: string }): Promise<CandidInterview> {
    el = document.createElement('candid-interview') as CandidInterview;
    el.endpoint = session.endpoint;
    el.token = session.token;
    document.body.append(el);
    return el;
  }

  it('renders the notice as safe Markdown (markup executes nothing), asks the configured age, stores the hash; no AI consent still records', async () => {
    const markdown = [
      '# Privacy notice',
      'We are **Acme Ltd** ([contact](mailto:privacy@acme.example)). Read the [policy](https://acme.example/privacy).',
      '',
      '- AI evaluates *what you say*, never your face or voice.',
      '- A person decides.',
      '',
      '<script>window.__pwned = "script"</script> <img src=x onerror="window.__pwned = \'img\'"> [bad](javascript:window.__pwned=1)',
    ].join('\n');
    const session = await createSession({ questions: [q()], notice: { version: '2026-11', markdown }, flow: { minimumAge: 18 } });
    const widget = await mount(session);
    await waitForPhase(widget, 'consent');
    await widget.updateComplete;
    const notice = $(widget, '[part~="notice"]')!;
    expect(notice.querySelector('h3')?.textContent).to.equal('Privacy notice');
    expect(notice.querySelector('strong')?.textContent).to.equal('Acme Ltd');
    expect(notice.querySelectorAll('li')).to.have.length(2);
    const links = [...notice.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['mailto:privacy@acme.example', 'https://acme.example/privacy']);
    expect(links.every((a) => a.rel.includes('noopener'))).to.equal(true);
    expect(notice.querySelector('script, img, [onerror]'), 'no element from the markup').to.equal(null);
    expect(notice.textContent).to.contain('<script>').and.contain('onerror=');
    await delay(200);
    expect((window as { __pwned?: unknown }).__pwned, 'nothing executed').to.equal(undefined);
    expect($(widget, 'label:has(input[name="ageConfirmed"])')!.textContent).to.contain('at least 18');
    // "Ask for another format" is a button next to Agree and Decline, styled alike.
    const actions = [...widget.shadowRoot!.querySelectorAll('form[part="consent"] .actions button')].map((b) => b.getAttribute('name'));
    expect(actions).to.deep.equal(['agree', 'decline', 'alternative']);

    // Recording yes, AI evaluation no.
    $<HTMLInputElement>(widget, 'input[name="recording"]')!.click();
    $<HTMLInputElement>(widget, 'input[name="ageConfirmed"]')!.click();
    await clickIn(widget, 'button[name="agree"]');
    await passDeviceCheck(widget);
    const answered = nextEvent<CandidAnswerDetail>(widget, 'candid-answer', 30000);
    await clickIn(widget, 'button[name="record"]');
    await delay(1500);
    await clickIn(widget, 'button[name="stop"]');
    await submitTake(widget);
    await answered;
    await waitForPhase(widget, 'done', 20000);
    const stored = await storedSession(session.sessionId);
    expect(stored.status).to.equal('completed');
    expect(stored.answers).to.have.length(1);
    const consent = stored.consents.at(-1)!;
    expect(consent.choices).to.deep.equal({ recording: true, aiEvaluation: false, productImprovement: false });
    expect(consent.noticeVersion).to.equal('2026-11');
    // The hash of the whole disclosure served (notice, items, facts; packs.test.ts checks its formula).
    const disclosure = widget.store.getState().session!.disclosure!;
    expect(consent.noticeSha256).to.match(/^[0-9a-f]{64}$/).and.equal(disclosure.sha256);
  });

  it('intro → practice (never uploaded) → the question with think time → review → retake → submit', async () => {
    const session = await createSession({
      questions: [q({ thinkSeconds: 3, maxRetakes: 1 })],
      practiceQuestion: { prompt: 'Practice: describe your morning.', thinkSeconds: 0, answerSeconds: 30 },
    });
    await consentOverHttp(session);
    const spy = spyOnMediaRecorder();
    const progress: unknown[] = [];
    try {
      const widget = await mount(session);
      widget.addEventListener('candid-progress', (e) => progress.push((e as CustomEvent).detail));
      await waitForPhase(widget, 'check');
      await clickIn(widget, 'button[name="continue"]');
      await waitForPhase(widget, 'intro');
      await clickIn(widget, 'button[name="practice"]');
      await waitForPhase(widget, 'ready');
      expect($(widget, '[part="prompt"]')!.textContent).to.contain('Practice');
      expect($(widget, '[part="practice-label"]')).to.not.equal(null);
      await clickIn(widget, 'button[name="record"]');
      await delay(1200);
      await clickIn(widget, 'button[name="stop"]');
      await waitForPhase(widget, 'review');
      await widget.updateComplete;
      const playback = $<HTMLVideoElement>(widget, 'video[part="playback"]')!;
      expect(playback.src).to.match(/^blob:/);
      await waitFor(() => playback.readyState >= 1, 'practice playback has metadata');
      expect($(widget, 'button[name="submit"]'), 'a practice take cannot be submitted').to.equal(null);
      expect(spy.recorders, 'practice: one recorder, no speech file').to.have.length(1);
      expect(progress, 'practice: nothing uploaded').to.deep.equal([]);

      // The real question: the think-time countdown starts recording by itself.
      await clickIn(widget, 'button[name="start"]');
      await waitForPhase(widget, 'ready');
      await widget.updateComplete;
      expect($(widget, '[part="think"]')!.textContent).to.match(/Recording starts in [1-3] s/);
      expect($(widget, 'button[name="record"]')!.textContent).to.contain('Start recording now');
      await waitForPhase(widget, 'recording', 6000);
      await delay(1200);
      await clickIn(widget, 'button[name="stop"]');
      await waitForPhase(widget, 'review');
      await widget.updateComplete;
      expect($(widget, '[part="review"]')!.textContent).to.contain('1 more time');
      await clickIn(widget, 'button[name="retake"]');
      await waitForPhase(widget, 'ready');
      expect(widget.store.getState().attempt).to.equal(2);
      const answered = nextEvent<CandidAnswerDetail>(widget, 'candid-answer', 30000);
      await clickIn(widget, 'button[name="record"]');
      await delay(1200);
      await clickIn(widget, 'button[name="stop"]');
      await waitForPhase(widget, 'review');
      await widget.updateComplete;
      expect($(widget, 'button[name="retake"]'), 'no retakes left').to.equal(null);
      await clickIn(widget, 'button[name="submit"]');
      expect((await answered).detail.attempt).to.equal(2);
      await waitForPhase(widget, 'done', 20000);
      const stored = await storedSession(session.sessionId);
      expect(stored.answers.map((a) => a.attempt)).to.deep.equal([2]);
    } finally {
      spy.restore();
    }
  });

  it('time warning 20 s before the limit, "+" adds a minute, milestones are announced', async () => {
    const session = await createSession({ questions: [q({ answerSeconds: 23 })] });
    await consentOverHttp(session);
    const widget = await mount(session);
    await passDeviceCheck(widget);
    await clickIn(widget, 'button[name="record"]');
    await waitForPhase(widget, 'recording');
    await widget.updateComplete;
    $<HTMLButtonElement>(widget, 'button[name="stop"]')!.focus(); // as after pressing Record by keyboard
    const timer = () => $(widget, '[part="timer"]')!;
    expect(timer().dataset.kind).to.equal('remaining');
    expect($(widget, '[part="time-warning"]'), 'no warning yet').to.equal(null);
    await waitFor(() => $(widget, '[part="time-warning"]'), 'warning at 20 s left', 8000);
    expect(timer().dataset.warning).to.equal('true');
    await waitFor(() => $(widget, '[role="status"]')!.textContent!.includes('20 seconds left'), 'milestone announced');
    expect(widget.shadowRoot!.activeElement?.getAttribute('name'), 'the warning does not move focus').to.equal('stop');
    await sendKeys({ press: '+' });
    await waitFor(() => widget.store.getState().timer?.extensions === 1, 'extended by the key');
    await widget.updateComplete;
    expect($(widget, '[part="time-warning"]'), 'warning gone after the extension').to.equal(null);
    expect(timer().textContent).to.match(/1:[012]\d left/);
    expect($(widget, '[role="status"]')!.textContent).to.contain('Time extended');
    // The recorder now stops at the new limit, not the old one.
    await delay(4500);
    expect(widget.store.getState().phase).to.equal('recording');
    await clickIn(widget, 'button[name="stop"]');
    await submitTake(widget);
    await waitForPhase(widget, 'done', 20000);
  });

  it('no time limit (accommodation): no countdown; an interview that forbids extensions offers none', async () => {
    const unlimited = await createSession({ questions: [q({ answerSeconds: 20 })], accommodations: { noTimeLimit: true } });
    await consentOverHttp(unlimited);
    let widget = await mount(unlimited);
    await passDeviceCheck(widget);
    expect($(widget, '[part="question"]')!.textContent).to.contain('no time limit');
    await clickIn(widget, 'button[name="record"]');
    await waitForPhase(widget, 'recording');
    await delay(1100);
    await widget.updateComplete;
    expect($(widget, '[part="timer"]')!.dataset.kind).to.equal('elapsed');
    expect($(widget, '[part="timer"]')!.textContent).to.not.contain('left');
    await clickIn(widget, 'button[name="stop"]');
    await waitForPhase(widget, 'review');
    widget.remove();

    const strict = await createSession({ questions: [q({ answerSeconds: 21 })], flow: { allowTimeExtension: false } });
    await consentOverHttp(strict);
    widget = await mount(strict);
    await passDeviceCheck(widget);
    await clickIn(widget, 'button[name="record"]');
    await waitFor(() => $(widget, '[part="time-warning"]'), 'warning', 5000);
    expect($(widget, 'button[name="extend"]')).to.equal(null);
    await sendKeys({ press: '+' });
    await delay(300);
    expect(widget.store.getState().timer?.extensions).to.equal(0);
    // The limit stops the take by itself: review.
    await waitForPhase(widget, 'review', 25000);
  });

  it('asks the employer for an accommodation from the intro; withdraws consent from the question screen', async () => {
    const session = await createSession({ questions: [q()] });
    await consentOverHttp(session);
    const widget = await mount(session);
    await waitForPhase(widget, 'check');
    await clickIn(widget, 'button[name="continue"]');
    await waitForPhase(widget, 'intro');
    await clickIn(widget, 'button[name="request"]');
    const form = await waitFor(() => $<HTMLFormElement>(widget, 'form[part="request"]'), 'the request form (a lazily loaded screen)');
    (form.elements.namedItem('type') as HTMLSelectElement).value = 'accommodation';
    (form.elements.namedItem('message') as HTMLTextAreaElement).value = 'I need 50% more time (dyslexia).';
    const requested = nextEvent<CandidRequestDetail>(widget, 'candid-request');
    await clickIn(widget, 'button[name="send-request"]');
    await waitFor(() => $(widget, '[part="request-sent"]'), 'request sent');
    const stored = await storedSession(session.sessionId);
    expect(stored.requests?.map((r) => [r.type, r.message])).to.deep.equal([['accommodation', 'I need 50% more time (dyslexia).']]);
    expect((await requested).detail, 'the page hears of the stored request').to.deep.equal({ requestId: stored.requests![0]!.id, type: 'accommodation' });

    await clickIn(widget, 'button[name="start"]');
    await waitForPhase(widget, 'ready');
    await clickIn(widget, 'button[name="withdraw"]');
    await waitFor(() => $(widget, '[role="alertdialog"]'), 'the withdrawal confirmation');
    const withdrawn = nextEvent<CandidWithdrawnDetail>(widget, 'candid-withdrawn');
    await clickIn(widget, 'button[name="withdraw-confirm"]');
    await waitForPhase(widget, 'withdrawn');
    expect((await storedSession(session.sessionId)).status).to.equal('withdrawn');
    expect((await withdrawn).detail).to.deep.equal({ sessionId: session.sessionId });
    await widget.updateComplete;
    expect($(widget, 'button[name="withdraw"]'), 'nothing more to withdraw').to.equal(null);
  });
});
