// i18n: locale negotiation, catalog completeness, plurals (en, ar), lazily loaded catalogs rendered
// by the element (es, fr, de, ar with a mirrored right-to-left layout), `messages` overrides, the
// interview's locale as fallback, and the script-tag bundle loading a catalog under a strict CSP.
import { expect } from '@esm-bundle/chai';
import '../src/index.js';
import type { CandidInterview } from '../src/candid-interview.js';
import { CandidErrorCode } from '../src/errors.js';
import { formatters } from '../src/i18n/format.js';
import { mergeMessages } from '../src/i18n/merge.js';
import { directionOf, LOCALES, negotiateLocale } from '../src/i18n/negotiate.js';
import type { CandidMessages } from '../src/lang/en.js';
import { catalogs } from '../src/lang/index.js';
import { expectAccessible } from './support/axe.js';
import { createSession, waitFor, waitForPhase, warmUpServer } from './support/helpers.js';

const { en } = catalogs;

/** Keys of `en` (one level into string maps such as `errors`) that `catalog` lacks or types differently. */
function catalogProblems(catalog: Record<string, unknown>, reference: Record<string, unknown> = en): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(reference)) {
    const other = catalog[key];
    if (other === undefined) problems.push(`missing ${key}`);
    else if (typeof other !== typeof value) problems.push(`${key}: ${typeof other} instead of ${typeof value}`);
    else if (typeof value === 'function' && (other as () => unknown).length !== (value as () => unknown).length)
      problems.push(`${key}: takes ${(other as () => unknown).length} arguments instead of ${(value as () => unknown).length}`);
    else if (typeof value === 'object' && value !== null)
      problems.push(...catalogProblems(other as Record<string, unknown>, value as Record<string, unknown>).map((p) => `${key}.${p.replace(/^missing /, '')}`));
  }
  for (const key of Object.keys(catalog)) if (!(key in reference)) problems.push(`extra ${key} (not in en)`);
  return problems;
}

/** Calls every message function with plausible numbers: none may throw or print NaN/undefined. */
function renderAll(catalog: CandidMessages): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(catalog)) {
    if (typeof value === 'function') {
      for (const n of [0, 1, 2, 3, 11, 100, 1_500_000]) {
        const args = Array.from({ length: value.length }, (_, i) => (key === 'deviceFallbackLabel' && i === 0 ? 'Camera' : n));
        const text = (value as (...a: unknown[]) => string)(...args);
        if (typeof text !== 'string' || !text.trim() || /NaN|undefined|\[object/.test(text)) out.push(`${key}(${args.join(', ')}) → ${String(text)}`);
      }
    }
  }
  return out;
}

describe('i18n: locale negotiation', () => {
  it('takes the attribute (exact, then language), else the interview locale, else en', () => {
    expect(negotiateLocale('es')).to.equal('es');
    expect(negotiateLocale('es-MX')).to.equal('es');
    expect(negotiateLocale('DE-at')).to.equal('de');
    expect(negotiateLocale('ar-EG')).to.equal('ar');
    expect(negotiateLocale('ja')).to.equal('en');
    expect(negotiateLocale('not a tag!')).to.equal('en');
    expect(negotiateLocale('', 'fr-CA')).to.equal('fr');
    expect(negotiateLocale(null, 'de')).to.equal('de');
    expect(negotiateLocale('ja', 'fr'), 'an attribute wins over the interview locale').to.equal('en');
    expect(negotiateLocale(undefined, undefined)).to.equal('en');
  });

  it('knows the right-to-left scripts', () => {
    for (const tag of ['ar', 'ar-EG', 'he', 'fa-IR', 'ur']) expect(directionOf(tag), tag).to.equal('rtl');
    for (const tag of ['en', 'es', 'fr', 'de', 'tr']) expect(directionOf(tag), tag).to.equal('ltr');
  });
});

describe('i18n: catalogs', () => {
  it('every shipped catalog has every key of en, with the same kind and arity, and nothing extra', () => {
    expect(Object.keys(catalogs).sort()).to.deep.equal([...LOCALES].sort());
    for (const [locale, catalog] of Object.entries(catalogs)) {
      expect(catalogProblems(catalog as unknown as Record<string, unknown>), locale).to.deep.equal([]);
    }
  });

  it('every widget error code has a candidate-facing text (never the English developer message)', () => {
    const codes = Object.values(CandidErrorCode).filter((c) => c !== 'ABORTED');
    expect(codes.filter((c) => !en.errors[c] && !en.helpTitle[c])).to.deep.equal([]);
  });

  it('the completeness check catches a missing key, a missing error code and a wrong kind', () => {
    const { consentTitle: _dropped, ...rest } = catalogs.de;
    const broken = { ...rest, errors: { ...catalogs.de.errors, NETWORK_ERROR: undefined }, questionOf: 'Frage' };
    expect(catalogProblems(broken as unknown as Record<string, unknown>)).to.have.members([
      'missing consentTitle',
      'errors.NETWORK_ERROR',
      'questionOf: string instead of function',
    ]);
  });

  it('every message function renders text for 0, 1, 2, 3, 11, 100 in every catalog', () => {
    for (const [locale, catalog] of Object.entries(catalogs)) expect(renderAll(catalog), locale).to.deep.equal([]);
  });

  it('is actually translated: no catalog repeats the English of its headings and buttons', () => {
    const keys = ['consentTitle', 'consentAgree', 'consentDecline', 'checkTitle', 'record', 'stop', 'retry', 'doneTitle'] as const;
    for (const [locale, catalog] of Object.entries(catalogs)) {
      if (locale === 'en') continue;
      for (const key of keys) expect(catalog[key], `${locale}.${key}`).to.not.equal(en[key]);
    }
  });
});

describe('i18n: plurals and numbers', () => {
  it('en picks one/other', () => {
    expect(en.overallProgress(0, 1)).to.equal('0 of 1 answer saved');
    expect(en.overallProgress(1, 3)).to.equal('1 of 3 answers saved');
    expect(en.reviewRetakesLeft(1)).to.equal('You can record this answer 1 more time.');
    expect(en.reviewRetakesLeft(2)).to.equal('You can record this answer 2 more times.');
    expect(en.announceTimeLeft(1)).to.equal('1 second left.');
    expect(en.announceTimeLeft(30)).to.equal('30 seconds left.');
    expect(en.announceTimeLeft(60)).to.equal('1 minute left.');
    expect(en.announceTimeLeft(120)).to.equal('2 minutes left.');
    expect(en.uploadProgress(1_500_000, 12_345_678)).to.equal('Uploaded 1.5 of 12.3 MB');
    expect(en.uploadProgress(42_000, 95_000), 'a short take').to.equal('Uploaded 0.04 of 0.10 MB');
  });

  it('ar covers all six CLDR categories (zero, one, two, few, many, other)', () => {
    const rules = new Intl.PluralRules('ar');
    const samples = [0, 1, 2, 3, 11, 100];
    expect(samples.map((n) => rules.select(n))).to.deep.equal(['zero', 'one', 'two', 'few', 'many', 'other']);
    const ar = catalogs.ar;
    const digits = (n: number) => new Intl.NumberFormat('ar').format(n);
    const [zero, one, two, few, many, other] = samples.map((n) => ar.overallProgress(0, n));
    expect(one).to.contain('إجابة واحدة');
    expect(two).to.contain('إجابتين');
    expect(few).to.contain(`${digits(3)} إجابات`);
    expect(many).to.contain(`${digits(11)} إجابة`);
    expect(other).to.contain(`${digits(100)} إجابة`);
    expect(zero).to.contain(`${digits(0)} إجابة`);
    expect(new Set([one, two, few, many])).to.have.property('size', 4);
    expect(ar.thinkTime(2)).to.contain('ثانيتين');
    expect(ar.thinkTime(5)).to.contain(`${digits(5)} ثوانٍ`);
    expect(ar.announceTimeLeft(120)).to.contain('دقيقتان');
  });

  it('formats numbers, percentages and clock times per locale', () => {
    expect(formatters('de').fixed(1.5, 1)).to.equal('1,5');
    expect(formatters('fr').pct(0.42)).to.match(/^42\s?%$/);
    expect(formatters('en').clock(75)).to.equal('1:15');
    expect(catalogs.es.uploadProgress(1_500_000, 2_000_000)).to.equal('Subidos 1,5 de 2,0 MB');
    expect(formatters('ar').clock(75)).to.equal(`${new Intl.NumberFormat('ar').format(1)}:${new Intl.NumberFormat('ar', { minimumIntegerDigits: 2 }).format(15)}`);
  });

  it('messages overrides replace single keys and merge string maps per key', () => {
    const merged = mergeMessages(catalogs.de, { consentTitle: 'Willkommen', errors: { NETWORK_ERROR: 'Kein Netz.' }, helpTitle: { CAMERA_IN_USE: 'Belegt' } });
    expect(merged.consentTitle).to.equal('Willkommen');
    expect(merged.consentAgree).to.equal(catalogs.de.consentAgree);
    expect(merged.errors.NETWORK_ERROR).to.equal('Kein Netz.');
    expect(merged.errors.SESSION_TOKEN_INVALID).to.equal(catalogs.de.errors.SESSION_TOKEN_INVALID);
    expect(merged.helpTitle.CAMERA_IN_USE).to.equal('Belegt');
    expect(merged.helpTitle.CAMERA_NOT_FOUND).to.equal(catalogs.de.helpTitle.CAMERA_NOT_FOUND);
  });
});

describe('i18n: the element', function () {
  this.timeout(30000);
  before(async function () {
    this.timeout(90000);
    await warmUpServer();
  });
  let el: CandidInterview | undefined;
  afterEach(() => {
    el?.remove();
    el = undefined;
  });

  async function mountAt(options: { locale?: string; messages?: CandidInterview['messages']; interviewLocale?: string } = {}) {
    const session = await createSession(options.interviewLocale ? { locale: options.interviewLocale } : {});
    el = document.createElement('candid-interview');
    if (options.locale) el.setAttribute('locale', options.locale);
    if (options.messages) el.messages = options.messages;
    el.endpoint = session.endpoint;
    el.token = session.token;
    el.style.width = '600px';
    document.body.append(el);
    await waitForPhase(el, 'consent');
    await el.updateComplete;
    return el;
  }

  const title = (widget: HTMLElement) => widget.shadowRoot!.querySelector('#consent-title')?.textContent?.trim();

  for (const locale of ['es', 'fr', 'de'] as const) {
    it(`renders the consent screen in ${locale}`, async () => {
      const widget = await mountAt({ locale });
      expect(title(widget)).to.equal(catalogs[locale].consentTitle);
      expect(widget.shadowRoot!.querySelector('button[name="agree"]')!.textContent!.trim()).to.equal(catalogs[locale].consentAgree);
      expect(widget.getAttribute('lang')).to.equal(locale);
      expect(widget.getAttribute('dir')).to.equal('ltr');
    });
  }

  it('renders ar right to left: dir=rtl and the buttons mirrored', async () => {
    const ltr = await mountAt({ locale: 'en' });
    const agreeLtr = ltr.shadowRoot!.querySelector('button[name="agree"]')!.getBoundingClientRect();
    const declineLtr = ltr.shadowRoot!.querySelector('button[name="decline"]')!.getBoundingClientRect();
    const boxLtr = ltr.getBoundingClientRect();
    expect(agreeLtr.left, 'en: the primary button starts on the left').to.be.lessThan(declineLtr.left);
    expect(agreeLtr.left - boxLtr.left).to.be.lessThan(40);
    ltr.remove();

    const widget = await mountAt({ locale: 'ar' });
    expect(widget.getAttribute('dir')).to.equal('rtl');
    expect(widget.getAttribute('lang')).to.equal('ar');
    expect(title(widget)).to.equal(catalogs.ar.consentTitle);
    const box = widget.getBoundingClientRect();
    const agree = widget.shadowRoot!.querySelector('button[name="agree"]')!.getBoundingClientRect();
    const decline = widget.shadowRoot!.querySelector('button[name="decline"]')!.getBoundingClientRect();
    expect(agree.left, 'ar: the primary button is right of Decline').to.be.greaterThan(decline.left);
    expect(box.right - agree.right, 'ar: the primary button starts on the right').to.be.lessThan(40);
    // Checkbox before its text, from the right.
    const label = widget.shadowRoot!.querySelector('label:has(input[name="recording"])')!;
    expect(label.querySelector('input')!.getBoundingClientRect().left).to.be.greaterThan(label.querySelector('span')!.getBoundingClientRect().left);
    await expectAccessible(widget, 'consent (ar)');
  });

  it('messages overrides win over a lazily loaded catalog', async () => {
    const widget = await mountAt({ locale: 'de', messages: { consentTitle: 'Willkommen bei Acme' } });
    await waitFor(() => widget.getAttribute('lang') === 'de', 'German catalog');
    expect(title(widget)).to.equal('Willkommen bei Acme');
    expect(widget.shadowRoot!.querySelector('button[name="decline"]')!.textContent!.trim()).to.equal(catalogs.de.consentDecline);
  });

  it('without a locale attribute the interview locale applies; the attribute switches it live', async () => {
    const widget = await mountAt({ interviewLocale: 'fr-CA' });
    expect(title(widget)).to.equal(catalogs.fr.consentTitle);
    expect(widget.getAttribute('lang')).to.equal('fr');
    widget.setAttribute('locale', 'es');
    await waitFor(() => title(widget) === catalogs.es.consentTitle, 'Spanish after setting locale=es');
    expect(widget.getAttribute('lang')).to.equal('es');
    widget.setAttribute('locale', 'en-GB');
    await waitFor(() => title(widget) === en.consentTitle, 'English after locale=en-GB');
  });
});

describe('i18n: script-tag bundle under a strict CSP', function () {
  this.timeout(30000);
  type FrameWindow = Window & { __cspViolations?: string[] };
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => {
    frame?.remove();
    frame = undefined;
  });

  /** `csp-frame.html`: CSP without 'unsafe-inline'/'unsafe-eval', candid.js by script tag. */
  async function mountFrame(locale: string, assets: string) {
    const built = await Promise.all(
      ['/packages/widget/dist/candid.js', '/packages/widget/dist/assets/lang/es.js'].map((u) => fetch(u, { method: 'HEAD' }).then((r) => r.ok)),
    );
    expect(built, 'run `npx rollup -c` first: the bundle and dist/assets/lang are needed').to.deep.equal([true, true]);
    const session = await createSession();
    frame = document.createElement('iframe');
    frame.src = `/packages/widget/test/support/csp-frame.html?${new URLSearchParams({ endpoint: session.endpoint, token: session.token, locale, assets })}`;
    frame.style.width = '600px';
    document.body.append(frame);
    const win = () => frame!.contentWindow as FrameWindow | null;
    const widget = await waitFor(() => win()?.document.querySelector('candid-interview'), 'widget in the frame');
    await waitFor(() => widget.shadowRoot?.querySelector('button[name="agree"]'), 'consent screen from the bundle');
    return { widget, win: win()! };
  }

  it('loads the es catalog from assets-base with script-src self, no inline code, no eval', async () => {
    const { widget, win } = await mountFrame('es', '/packages/widget/dist/assets/');
    await waitFor(() => widget.shadowRoot?.querySelector('#consent-title')?.textContent === catalogs.es.consentTitle, 'Spanish consent screen');
    expect(widget.getAttribute('lang')).to.equal('es');
    // Styles applied (adopted stylesheet): the agree button is the accent-filled primary.
    expect(win.getComputedStyle(widget.shadowRoot!.querySelector('button[name="agree"]')!).backgroundColor).to.equal('rgb(29, 78, 216)');
    expect(win.__cspViolations).to.deep.equal([]);
  });

  it('builds one lazily loaded catalog per shipped locale (English too: the core carries none), each exporting the full catalog', async () => {
    for (const locale of LOCALES) {
      const url = `/packages/widget/dist/assets/lang/${locale}.js`;
      const mod = (await import(/* @vite-ignore */ url)) as { default: Record<string, unknown> };
      expect(catalogProblems(mod.default), url).to.deep.equal([]);
      expect(mod.default.consentTitle).to.equal(catalogs[locale].consentTitle);
    }
  });

  it('stays in English when the requested catalog cannot be loaded', async () => {
    const { widget } = await mountFrame('de', '/__assets-without/de/');
    expect(widget.shadowRoot!.querySelector('#consent-title')?.textContent).to.equal(en.consentTitle);
    expect(widget.getAttribute('lang')).to.equal('en');
    expect(widget.getAttribute('dir')).to.equal('ltr');
  });

  it('says so, in the requested language, when no catalog can be loaded (assets not hosted), and Try again recovers', async () => {
    const session = await createSession();
    frame = document.createElement('iframe');
    frame.src = `/packages/widget/test/support/csp-frame.html?${new URLSearchParams({ endpoint: session.endpoint, token: session.token, locale: 'de', assets: '/no-such-assets/' })}`;
    document.body.append(frame);
    const widget = await waitFor(() => (frame!.contentWindow as FrameWindow | null)?.document.querySelector('candid-interview'), 'widget in the frame');
    const alert = await waitFor(() => widget.shadowRoot?.querySelector('[role="alert"]'), 'the boot error screen', 20000);
    expect(alert.getAttribute('data-code')).to.equal('ASSETS_UNAVAILABLE');
    expect(alert.textContent).to.contain('Das Interview konnte nicht geladen werden');
    // The host fixes its assets-base: "Erneut versuchen" loads everything.
    widget.setAttribute('assets-base', '/packages/widget/dist/assets/');
    (widget.shadowRoot!.querySelector('button[name="retry"]') as HTMLButtonElement).click();
    await waitFor(() => widget.shadowRoot?.querySelector('#consent-title')?.textContent === catalogs.de.consentTitle, 'German consent screen after Try again', 20000);
  });
});
