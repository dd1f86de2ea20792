// Shared by screens-desktop.test.ts, screens-phone.test.ts and screens-locales.test.ts. Looks are
// tested: every screen of a real interview, at a 1280×800 desktop and a 390×844 phone, in English
// (left to right) and Arabic (right to left); and on the phone, where longer texts break a layout
// first, in the other shipped locales (German, Spanish, French). Each screen is
// - checked by axe (WCAG 2.2 A/AA),
// - checked for what a designer would reject: more than one primary action, a page that scrolls
//   sideways, Stop or Record out of sight while the preview is shown, text under 16 px,
// - and saved as a PNG (test-results/screens/, or docs/screens/ with `npm run screens`).
import { expect } from '@esm-bundle/chai';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import '../../src/index.js';
import type { CandidInterview } from '../../src/candid-interview.js';
import { expectAccessible } from './axe.js';
import { clickIn, createSession, delay, hidePage, waitFor, waitForPhase, warmUpServer, type TestSession } from './helpers.js';

export const SIZES = {
  desktop: { name: 'desktop', width: 1280, height: 800 },
  phone: { name: 'phone', width: 390, height: 844 },
} as const;
interface Variant {
  locale: string;
  dir: 'ltr' | 'rtl';
  /** Names the screenshots: `<screen>-<size>-<tag>.png`. */
  tag: string;
}
/** English and Arabic: both directions, at both sizes, kept in docs/screens. */
export const DIRECTIONS: Variant[] = [
  { locale: 'en', dir: 'ltr', tag: 'ltr' },
  { locale: 'ar', dir: 'rtl', tag: 'rtl' },
];
/** The other shipped locales. */
export const OTHER_LOCALES: Variant[] = ['de', 'es', 'fr'].map((locale) => ({ locale, dir: 'ltr', tag: locale }));

const NOTICE = {
  version: 'screens-1',
  markdown: '',
  sections: {
    C1: 'Northwind Robotics Ltd, 12 Harbour Street, Leeds. Contact our privacy team at privacy@northwind.example.',
    C7: 'We use your answers only to assess your application for this role (legitimate interest in recruiting).',
    C8: 'The hiring team for this role and our interview provider, who stores the recordings for us.',
  },
};

const $ = <T extends Element = HTMLElement>(el: HTMLElement, selector: string) => el.shadowRoot!.querySelector<T>(selector);

/** Visible elements of the widget matching `selector`. */
const visible = (el: HTMLElement, selector: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)].filter((n) => n.getClientRects().length > 0 && getComputedStyle(n).visibility !== 'hidden');

/** The rectangle is entirely inside the viewport. */
function inViewport(node: Element): boolean {
  const r = node.getBoundingClientRect();
  return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight + 0.5 && r.right <= window.innerWidth + 0.5;
}

/** The tour of every screen at one size (one test file per size: each stays within the runner's per-file limit). */
export function screenTour(size: (typeof SIZES)[keyof typeof SIZES], variants: Variant[] = DIRECTIONS, options: { errorScreen?: boolean } = {}): void {
describe(`every screen at ${size.name} size (${size.width}×${size.height}) in ${variants.map((v) => `${v.locale} (${v.dir})`).join(', ')}`, function () {
  this.timeout(240000);
  let el: CandidInterview | undefined;
  before(async function () {
    this.timeout(90000);
    await warmUpServer();
    document.body.style.cssText = 'margin: 0; font: 16px/1.5 system-ui, sans-serif; background: #fff; color: #111827';
  });
  afterEach(async () => {
    el?.remove();
    el = undefined;
    await setViewport({ width: 800, height: 600 });
  });

  function mount(session: Pick<TestSession, 'endpoint' | 'token'>, locale: string): CandidInterview {
    el = document.createElement('candid-interview');
    el.setAttribute('locale', locale);
    el.endpoint = session.endpoint;
    el.token = session.token;
    document.body.append(el);
    return el;
  }

  /** Layout rules, axe, and the screenshot. */
  async function screen(widget: CandidInterview, name: string, options: { primary?: number } = {}): Promise<void> {
    await widget.updateComplete;
    await delay(250); // entrance animation (200 ms)
    const primaries = visible(widget, 'button.primary, button.danger').map((b) => b.getAttribute('name'));
    expect(primaries, `${name}: primary actions`).to.have.length(options.primary ?? 1);
    expect(document.documentElement.scrollWidth, `${name}: no sideways scrolling`).to.be.at.most(window.innerWidth);
    for (const text of visible(widget, 'p, li, label, legend')) {
      const size = parseFloat(getComputedStyle(text).fontSize);
      if (text.textContent?.trim() && !text.matches('.meta, .meta *, .hint, [part~="counter"], [part~="timer"], [part~="rec"], .summary li, .footer *')) {
        expect(size, `${name}: body text size of "${text.textContent?.trim().slice(0, 40)}"`).to.be.at.least(16);
      }
    }
    await expectAccessible(widget, name);
    await executeServerCommand('candid-screenshot', { name });
  }

  {
    for (const variant of variants) {
      const { locale, dir } = variant;
      const tag = `${size.name}-${variant.tag}`;
      it(`${size.name} ${size.width}×${size.height}, ${locale} (${dir}): welcome → check → intro → think → recording → review → done`, async () => {
        await setViewport({ width: size.width, height: size.height });
        const session = await createSession({
          title: 'Customer Support Specialist',
          employer: {
            name: 'Northwind Robotics',
            logoUrl: new URL('/packages/widget/test/support/northwind-logo.svg', location.href).href,
            contactEmail: 'careers@northwind.example',
            privacyUrl: 'https://northwind.example/privacy',
          },
          notice: NOTICE,
          questions: [
            { id: 'q1', prompt: 'Tell us about a time you turned an unhappy customer around. What did you do, and what happened next?', thinkSeconds: 8, answerSeconds: 22, maxRetakes: 1 },
            { id: 'q2', prompt: 'Why do you want to join Northwind Robotics?', thinkSeconds: 0, answerSeconds: 60, maxRetakes: 0 },
          ],
        });
        const widget = mount(session, locale);
        await waitForPhase(widget, 'consent');
        await waitFor(() => widget.getAttribute('dir') === dir, `dir=${dir}`);
        expect($(widget, '[part~="employer"]')?.textContent).to.equal('Northwind Robotics');
        expect($(widget, '[part~="role"]')?.textContent).to.equal('Customer Support Specialist');
        expect($(widget, '[part~="summary"]')!.children.length, 'questions, duration, think time, retakes').to.equal(4);
        await screen(widget, `consent-${tag}`);
        if (size.name === 'phone') expect(inViewport($(widget, 'button[name="agree"]')!), 'I agree reachable without scrolling on a phone').to.equal(true);

        $<HTMLInputElement>(widget, 'input[name="recording"]')!.click();
        $<HTMLInputElement>(widget, 'input[name="ageConfirmed"]')!.click();
        await clickIn(widget, 'button[name="agree"]');
        await waitForPhase(widget, 'check');
        await waitFor(() => $(widget, '[part~="connection"]:not([data-verdict="checking"])'), 'connection check result');
        await waitFor(() => ($<HTMLVideoElement>(widget, 'video[part="preview"]')?.readyState ?? 0) >= 2, 'preview playing');
        await screen(widget, `check-${tag}`);
        await clickIn(widget, 'button[name="continue"]');

        await waitForPhase(widget, 'intro');
        await screen(widget, `intro-${tag}`);
        await clickIn(widget, 'button[name="request"]');
        await waitFor(() => $(widget, 'form[part="request"]'), 'request form');
        await screen(widget, `request-${tag}`); // the form takes the screen's place: Send is its one primary
        await clickIn(widget, 'button[name="cancel-request"]');
        await clickIn(widget, 'button[name="withdraw"]');
        await waitFor(() => $(widget, '[part~="withdraw-confirm"]'), 'withdrawal confirmation');
        await screen(widget, `withdraw-${tag}`); // a destructive confirmation: Withdraw (danger) or Keep going
        await clickIn(widget, 'button[name="withdraw-cancel"]');

        await clickIn(widget, 'button[name="start"]');
        await waitForPhase(widget, 'ready');
        await waitFor(() => $(widget, '.ring'), 'think-time ring');
        await screen(widget, `think-${tag}`);
        expect(inViewport($(widget, 'button[name="record"]')!), '"Start recording now" in view').to.equal(true);

        await clickIn(widget, 'button[name="record"]');
        await waitForPhase(widget, 'recording');
        await delay(1200);
        await screen(widget, `recording-${tag}`);
        expect(inViewport($(widget, 'button[name="stop"]')!), 'Stop in view while recording').to.equal(true);
        expect(inViewport($(widget, '[part~="rec"]')!), 'REC indicator in view').to.equal(true);
        await waitFor(() => $(widget, '[part="time-warning"]'), 'the time warning (20 s left)', 8000);
        await screen(widget, `recording-warning-${tag}`); // Stop; More time is secondary
        expect(inViewport($(widget, 'button[name="stop"]')!), 'Stop in view with the warning').to.equal(true);
        await clickIn(widget, 'button[name="stop"]');

        await waitForPhase(widget, 'review');
        const playback = await waitFor(() => $<HTMLVideoElement>(widget, 'video[part="playback"]'), 'playback');
        await waitFor(() => Number.isFinite(playback.duration) && playback.duration > 0 && playback.currentTime === 0, 'playback knows its duration', 8000);
        await screen(widget, `review-${tag}`);
        await clickIn(widget, 'button[name="submit"]');

        await waitForPhase(widget, 'ready', 20000);
        await clickIn(widget, 'button[name="record"]');
        await waitForPhase(widget, 'recording');
        await delay(1200);
        // The candidate switches apps mid-answer: the take is cut, and recording again is free.
        const show = hidePage();
        await waitForPhase(widget, 'review').finally(show);
        await waitFor(() => $(widget, '[part~="interruption-notice"]'), 'the interruption notice');
        await screen(widget, `review-interrupted-${tag}`);
        await clickIn(widget, 'button[name="submit"]');
        await waitForPhase(widget, 'done', 30000);
        await screen(widget, `done-${tag}`, { primary: 0 });
        expect($(widget, '[part~="done"]')!.textContent).to.contain('careers@northwind.example');
      });
    }
    if (options.errorScreen !== false) it(`${size.name}: the error screen`, async () => {
      await setViewport({ width: size.width, height: size.height });
      const session = await createSession();
      const widget = mount({ endpoint: 'http://127.0.0.1:9/candid', token: session.token }, 'en');
      await waitForPhase(widget, 'error', 20000);
      await screen(widget, `error-${size.name}-ltr`);
    });
  }
});
}
