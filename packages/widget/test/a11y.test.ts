// Accessibility: axe-core (WCAG 2.0/2.1/2.2 A + AA) on every screen reachable in a real interview,
// plus what axe cannot judge: 24 px targets, a visible keyboard focus ring, keyboard-only recording
// with a live announcement that leaves focus where it was, and reduced motion.
import { expect } from '@esm-bundle/chai';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../src/index.js';
import type { CandidInterview } from '../src/candid-interview.js';
import { en } from '../src/lang/en.js';
import { styles } from '../src/styles.js';
import { expectAccessible } from './support/axe.js';
import { clickIn, consentOverHttp, createSession, passDeviceCheck, passIntro, waitFor, waitForPhase, warmUpServer } from './support/helpers.js';
import { journaled } from './support/journal-db.js';

const NOTICE = {
  version: 'a11y-1',
  markdown: '# Privacy notice\nWe are **Acme Ltd**. Read the [policy](https://acme.example/privacy).\n\n- A person decides.\n- You can withdraw.',
};

/** Every visible control is at least 24 × 24 CSS px (WCAG 2.5.8), links in running text excepted. */
function expectTargets(el: HTMLElement, screen: string): void {
  const small = [...el.shadowRoot!.querySelectorAll<HTMLElement>('button, select, input, textarea, [role="button"]')]
    .filter((c) => c.getClientRects().length > 0)
    .map((c) => ({ c, r: c.getBoundingClientRect() }))
    .filter(({ r }) => r.width < 24 || r.height < 24)
    .map(({ c, r }) => `${c.outerHTML.slice(0, 80)} is ${r.width.toFixed(1)}×${r.height.toFixed(1)}`);
  if (small.length > 0) throw new Error(`targets under 24 px on the ${screen} screen:\n  ${small.join('\n  ')}`);
}

/** Part names rendered on the screens checked so far (each must be documented). */
const seenParts = new Set<string>();

async function check(el: HTMLElement, screen: string): Promise<void> {
  await (el as CandidInterview).updateComplete;
  for (const node of el.shadowRoot!.querySelectorAll('[part]')) for (const name of node.getAttribute('part')!.split(/\s+/)) seenParts.add(name);
  expectTargets(el, screen);
  await expectAccessible(el, screen);
}

describe('accessibility (axe-core, WCAG 2.2 AA)', function () {
  this.timeout(90000);
  before(async function () {
    this.timeout(90000);
    await warmUpServer();
  });
  let el: CandidInterview | undefined;
  const realFetch = window.fetch;
  afterEach(async () => {
    window.fetch = realFetch;
    el?.remove();
    el = undefined;
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  function mount(session: { endpoint: string; token: string }): CandidInterview {
    el = document.createElement('candid-interview');
    el.endpoint = session.endpoint;
    el.token = session.token;
    document.body.append(el);
    return el;
  }

  it('the harness sees into the shadow root and reports violations readably', async () => {
    const widget = mount(await createSession());
    await waitForPhase(widget, 'consent');
    await widget.updateComplete;
    const bad = document.createElement('button'); // no accessible name, and too small
    bad.style.cssText = 'width: 10px; height: 10px; padding: 0; min-inline-size: 0; min-block-size: 0';
    widget.shadowRoot!.querySelector('.actions')!.append(bad);
    const error = await expectAccessible(widget, 'broken consent').then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).to.contain('button-name').and.contain('broken consent').and.contain('https://dequeuniversity.com/');
    expect(() => expectTargets(widget, 'broken consent')).to.throw(/10\.0×10\.0/);
  });

  it('loading screen', async () => {
    const session = await createSession();
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    // Hold the session request so the loading screen stays up while axe runs.
    window.fetch = async (...args) => (await held, realFetch(...args));
    const widget = mount(session);
    await widget.updateComplete;
    expect(widget.store.getState().phase).to.equal('loading');
    await check(widget, 'loading');
    expect(widget.store.getState().phase, 'still loading after axe ran').to.equal('loading');
    release();
  });

  it('consent, keyboard focus ring, and the declined screen', async () => {
    const widget = mount(await createSession({ notice: NOTICE }));
    await waitForPhase(widget, 'consent');
    await check(widget, 'consent');

    // Keyboard: Tab reaches the controls in order and the focused one shows a visible ring.
    widget.shadowRoot!.querySelector<HTMLInputElement>('input[name="ageConfirmed"]')!.focus();
    await sendKeys({ press: 'Tab' });
    const focused = widget.shadowRoot!.activeElement as HTMLElement;
    expect(focused?.getAttribute('name')).to.equal('agree');
    const ring = getComputedStyle(focused);
    expect(ring.outlineStyle).to.equal('solid');
    expect(parseFloat(ring.outlineWidth)).to.be.at.least(2);

    await sendKeys({ press: 'Tab' }); // Decline, by keyboard
    expect((widget.shadowRoot!.activeElement as HTMLElement).getAttribute('name')).to.equal('decline');
    await sendKeys({ press: 'Enter' });
    await waitForPhase(widget, 'declined');
    await check(widget, 'declined');
  });

  it('device check, intro, question, recording (keyboard only, announced), review and done', async () => {
    const widget = mount(await createSession({ questions: [{ id: 'q1', prompt: 'Tell us about yourself.', thinkSeconds: 0, answerSeconds: 60, maxRetakes: 1 }] }));
    await waitForPhase(widget, 'consent');
    widget.shadowRoot!.querySelector<HTMLInputElement>('input[name="recording"]')!.click();
    widget.shadowRoot!.querySelector<HTMLInputElement>('input[name="ageConfirmed"]')!.click();
    await clickIn(widget, 'button[name="agree"]');

    await waitForPhase(widget, 'check');
    await waitFor(() => widget.shadowRoot!.querySelector('[part~="connection"]:not([data-verdict="checking"])'), 'connection check result');
    await check(widget, 'device check');
    await clickIn(widget, 'button[name="continue"]');

    await waitForPhase(widget, 'intro');
    await check(widget, 'intro');
    await passIntro(widget);
    await check(widget, 'question (ready)');

    // Record with the keyboard: focus stays on the same button, the live region says so.
    const record = await waitFor(() => widget.shadowRoot!.querySelector<HTMLButtonElement>('button[name="record"]:not([disabled])'), 'record button');
    record.focus();
    await sendKeys({ press: 'Enter' });
    await waitForPhase(widget, 'recording');
    await widget.updateComplete;
    const live = () => [...widget.shadowRoot!.querySelectorAll('[aria-live], [role="status"]')].map((n) => n.textContent?.trim()).join(' | ');
    await waitFor(() => live().includes(en.announceRecordingStarted), `"${en.announceRecordingStarted}" in a live region`);
    expect((widget.shadowRoot!.activeElement as HTMLElement | null)?.getAttribute('name'), 'focus not moved').to.equal('stop');
    await check(widget, 'recording');

    await new Promise((r) => setTimeout(r, 1200));
    await sendKeys({ press: 'Enter' }); // Stop, still focused
    await waitForPhase(widget, 'review');
    await check(widget, 'review');
    await clickIn(widget, 'button[name="submit"]');
    await waitForPhase(widget, 'done', 30000);
    await check(widget, 'done');
  });

  it('after the page went away: a take cut mid-recording, and a take left unsubmitted in review', async () => {
    const session = await createSession({ questions: [
      { id: 'q1', prompt: 'Tell us about yourself.', thinkSeconds: 0, answerSeconds: 60, maxRetakes: 1 },
      { id: 'q2', prompt: 'Why this role?', thinkSeconds: 0, answerSeconds: 60, maxRetakes: 1 },
    ] });
    await consentOverHttp(session);
    const remount = async () => {
      el!.remove(); // the page goes away; the journal (IndexedDB) keeps the take
      const widget = mount(session);
      await waitForPhase(widget, 'interrupted', 30000);
      return widget;
    };
    let widget = mount(session);
    await passDeviceCheck(widget);
    await clickIn(widget, 'button[name="record"]');
    await waitForPhase(widget, 'recording');
    await new Promise((r) => setTimeout(r, 2500));
    widget = await remount();
    expect(widget.store.getState().interrupted?.unsubmitted).to.not.equal(true);
    await check(widget, 'interrupted take');
    await clickIn(widget, 'button[name="keep"]');

    await passDeviceCheck(widget);
    await clickIn(widget, 'button[name="record"]');
    await waitForPhase(widget, 'recording');
    await new Promise((r) => setTimeout(r, 1500));
    await clickIn(widget, 'button[name="stop"]');
    await waitForPhase(widget, 'review');
    await waitFor(async () => (await journaled(session.sessionId)).some((u) => u.questionId === 'q2' && u.stopped), 'the stopped take in the journal');
    widget = await remount();
    expect(widget.store.getState().interrupted?.unsubmitted).to.equal(true);
    await waitFor(() => widget.shadowRoot!.querySelector('video[part="playback"]'), 'playback of the journaled take');
    await check(widget, 'unsubmitted take');
  });

  it('in Arabic (rtl): intro, request form, withdrawal confirmation and the withdrawn screen', async () => {
    const session = await createSession();
    el = document.createElement('candid-interview');
    el.setAttribute('locale', 'ar');
    el.endpoint = session.endpoint;
    el.token = session.token;
    document.body.append(el);
    const widget = el;
    await waitForPhase(widget, 'consent');
    await waitFor(() => widget.getAttribute('dir') === 'rtl', 'dir=rtl');
    await check(widget, 'consent (ar)');
    widget.shadowRoot!.querySelector<HTMLInputElement>('input[name="recording"]')!.click();
    widget.shadowRoot!.querySelector<HTMLInputElement>('input[name="ageConfirmed"]')!.click();
    await clickIn(widget, 'button[name="agree"]');
    await waitForPhase(widget, 'check');
    await clickIn(widget, 'button[name="continue"]');
    await waitForPhase(widget, 'intro');
    await check(widget, 'intro (ar)');
    await clickIn(widget, 'button[name="request"]');
    await waitFor(() => widget.shadowRoot!.querySelector('form[part="request"]'), 'request form');
    await check(widget, 'request form (ar)');
    await clickIn(widget, 'button[name="cancel-request"]');
    await clickIn(widget, 'button[name="withdraw"]');
    await waitFor(() => widget.shadowRoot!.querySelector('[part~="withdraw-confirm"][role="alertdialog"]'), 'withdrawal confirmation');
    await check(widget, 'withdrawal confirmation (ar)');
    await clickIn(widget, 'button[name="withdraw-confirm"]');
    await waitForPhase(widget, 'withdrawn');
    await check(widget, 'withdrawn (ar)');
  });

  it('error screen (unreachable server) with its Try again button', async () => {
    const session = await createSession();
    const widget = mount({ endpoint: 'http://127.0.0.1:9/candid', token: session.token });
    await waitForPhase(widget, 'error', 20000);
    expect(widget.shadowRoot!.querySelector('button[name="retry"]')).to.not.equal(null);
    await check(widget, 'error');
  });

  it('honours prefers-reduced-motion: no transitions', async () => {
    const widget = mount(await createSession());
    await waitForPhase(widget, 'consent');
    await widget.updateComplete;
    const button = widget.shadowRoot!.querySelector('button[name="agree"]')!;
    const longest = () => Math.max(...getComputedStyle(button).transitionDuration.split(',').map((d) => parseFloat(d)));
    expect(longest(), 'transitions without the preference').to.be.greaterThan(0.05);
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(longest(), 'transitions with reduced motion').to.be.lessThan(0.001);
  });

  it('docs/theming.md documents every custom property the styles read and every part seen on these screens', async () => {
    const doc = await (await fetch('/docs/theming.md')).text();
    const documented = new Set([...doc.matchAll(/^\| `(--candid-[a-z-]+)` \|/gm)].map((m) => m[1]));
    const used = new Set([...styles.cssText.matchAll(/var\((--candid-[a-z-]+)/g)].map((m) => m[1]));
    expect([...used].filter((p) => !documented.has(p)), 'used but not documented').to.deep.equal([]);
    expect([...documented].filter((p) => !used.has(p!)), 'documented but not used').to.deep.equal([]);
    expect(seenParts.size, 'parts collected by the screen tests above').to.be.greaterThan(10);
    expect([...seenParts].filter((part) => !doc.includes(`\`${part}\``)), 'parts not in docs/theming.md').to.deep.equal([]);
  });
});
