// Keyboard only, through the whole flow: real key presses (CDP), no clicks. axe-core checks every
// screen on the way (WCAG 2.0/2.1/2.2 A and AA, target size included).
import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import '../src/index.js';
import type { CandidInterview } from '../src/candid-interview.js';
import { expectAccessible } from './support/axe.js';
import { createSession, delay, nextEvent, storedSession, waitFor, waitForPhase } from './support/helpers.js';

/** The focused element inside the widget's shadow root. */
const focused = (el: CandidInterview) => el.shadowRoot!.activeElement as HTMLElement | null;

/** Presses Tab until `selector` has focus (fails after `max` presses: a control keyboard users cannot reach). */
async function tabTo(el: CandidInterview, selector: string, max = 40): Promise<HTMLElement> {
  for (let i = 0; i < max; i++) {
    const active = focused(el);
    if (active?.matches(selector)) return active;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`"${selector}" was not reached with ${max} Tab presses (focus is on ${focused(el)?.outerHTML.slice(0, 80) ?? 'nothing inside the widget'})`);
}

async function press(key: string): Promise<void> {
  // The space bar as the character itself: puppeteer over WebDriver BiDi (Firefox) knows no "Space".
  await sendKeys({ press: key === 'Space' ? ' ' : key });
}

describe('keyboard only, with axe on every screen', function () {
  this.timeout(90000);
  let el: CandidInterview | undefined;
  afterEach(() => {
    el?.remove();
    el = undefined;
  });

  it('consent → device check → intro (request form) → practice → question → review → submit → done', async () => {
    const session = await createSession({
      questions: [{ id: 'q1', prompt: 'What did you learn last year?', thinkSeconds: 0, answerSeconds: 60, maxRetakes: 1 }],
      practiceQuestion: { prompt: 'Practice: say hello.', thinkSeconds: 0, answerSeconds: 30 },
      notice: { version: 'v1', markdown: '# Notice\nWe record your answers. [Policy](https://example.com/privacy)' },
    });
    el = document.createElement('candid-interview') as CandidInterview;
    el.endpoint = session.endpoint;
    el.token = session.token;
    document.body.append(el);
    const widget = el;

    await waitForPhase(widget, 'consent');
    await widget.updateComplete;
    await expectAccessible(widget, 'consent');
    await tabTo(widget, 'input[name="recording"]');
    await press('Space');
    await tabTo(widget, 'input[name="ageConfirmed"]');
    await press('Space');
    const agree = await tabTo(widget, 'button[name="agree"]');
    expect(getComputedStyle(agree).outlineStyle, 'visible focus').to.not.equal('none');
    await press('Enter');

    await waitForPhase(widget, 'check');
    await waitFor(() => widget.store.getState().connectionCheck?.status !== 'checking', 'connection checked', 15000);
    await widget.updateComplete;
    await expectAccessible(widget, 'device check');
    await tabTo(widget, 'button[name="continue"]');
    await press('Enter');

    await waitForPhase(widget, 'intro');
    await widget.updateComplete;
    expect(focused(widget)?.id, 'focus moved to the intro heading').to.equal('intro-title');
    await expectAccessible(widget, 'intro');
    await tabTo(widget, 'button[name="request"]');
    await press('Enter');
    await widget.updateComplete;
    await expectAccessible(widget, 'request form');
    await tabTo(widget, 'button[name="cancel-request"]');
    await press('Enter');
    await tabTo(widget, 'button[name="practice"]');
    await press('Enter');

    await waitForPhase(widget, 'ready');
    await widget.updateComplete;
    expect(focused(widget)?.id, 'focus moved to the question').to.equal('prompt');
    await expectAccessible(widget, 'practice question');
    await tabTo(widget, 'button[name="record"]');
    await press('Enter');
    await waitForPhase(widget, 'recording');
    await widget.updateComplete;
    expect(focused(widget)?.getAttribute('name'), 'Record became Stop under the focus').to.equal('stop');
    await expectAccessible(widget, 'recording');
    await delay(1200);
    await press('Enter');
    await waitForPhase(widget, 'review');
    await widget.updateComplete;
    await expectAccessible(widget, 'practice review');
    await tabTo(widget, 'button[name="start"]');
    await press('Enter');

    await waitForPhase(widget, 'ready');
    await widget.updateComplete;
    // Withdrawal is one button away on every screen; its confirmation is accessible too (then cancelled).
    await tabTo(widget, 'button[name="withdraw"]');
    await press('Enter');
    await widget.updateComplete;
    await expectAccessible(widget, 'withdraw confirmation');
    await tabTo(widget, 'button[name="withdraw-cancel"]');
    await press('Enter');

    const answered = nextEvent(widget, 'candid-answer', 30000);
    await tabTo(widget, 'button[name="record"]');
    await press('Enter');
    await waitForPhase(widget, 'recording');
    await delay(1500);
    await press('Enter');
    await waitForPhase(widget, 'review');
    await widget.updateComplete;
    expect(focused(widget)?.id, 'focus moved to the review heading').to.equal('review-title');
    await expectAccessible(widget, 'review');
    await tabTo(widget, 'button[name="submit"]');
    await press('Enter');
    await answered;
    await waitForPhase(widget, 'done', 20000);
    await widget.updateComplete;
    await expectAccessible(widget, 'done');
    expect((await storedSession(session.sessionId)).status).to.equal('completed');
  });
});
