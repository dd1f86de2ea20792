// The structured privacy notice (compliance.md §2.1 C1–C16): the items the server's disclosure lists,
// Candid's standard text filled with the interview's facts, the employer's sections as safe
// Markdown, the jurisdictions' minimum age, translated headings, and the consent record's hash.
// Real Chromium against the real server.
import { expect } from '@esm-bundle/chai';
import '../src/index.js';
import type { CandidInterview } from '../src/candid-interview.js';
import { expectAccessible } from './support/axe.js';
import { clickIn, createSession, storedSession, waitFor, waitForPhase, warmUpServer, type TestQuestion } from './support/helpers.js';

const $ = <T extends Element = HTMLElement>(el: HTMLElement, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = (el: HTMLElement, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];

const QUESTIONS: TestQuestion[] = [
  { id: 'q1', prompt: 'Tell us about a hard problem.', thinkSeconds: 0, answerSeconds: 60, maxRetakes: 1 },
  { id: 'q2', prompt: 'Why this role?', thinkSeconds: 0, answerSeconds: 60, maxRetakes: 1 },
];
const withCompetencies = QUESTIONS.map((q, i) => ({ ...q, competencies: [{ id: `c${i}`, description: i === 0 ? 'Breaks problems down' : 'Knows the role' }] }));

/** What an EU employer has to write itself; Candid writes the rest. */
const EU_NOTICE = {
  version: 'eu-1',
  markdown: '',
  sections: {
    C1: 'We are **Acme Ltd** ([privacy@acme.example](mailto:privacy@acme.example)). <img src=x onerror="window.__pwned = 1">',
    C7: 'Assessing your application (legitimate interest).',
    C8: 'Acme recruiters and our EU hosting provider.',
    C13: 'The video interview is optional. [Apply another way](javascript:window.__pwned=2).',
  },
};

describe('structured privacy notice', function () {
  this.timeout(60000);
  let el: CandidInterview | undefined;
  before(async function () {
    this.timeout(90000);
    await warmUpServer();
  });
  afterEach(() => {
    el?.remove();
    el = undefined;
    delete (window as { __pwned?: unknown }).__pwned;
  });

  async function mount(session: { endpoint: string; token: string }, locale?: string): Promise<CandidInterview> {
    el = document.createElement('candid-interview') as CandidInterview;
    if (locale) el.setAttribute('locale', locale);
    el.endpoint = session.endpoint;
    el.token = session.token;
    document.body.append(el);
    await waitForPhase(el, 'consent');
    await el.updateComplete;
    return el;
  }

  async function agree(widget: CandidInterview): Promise<void> {
    $<HTMLInputElement>(widget, 'input[name="recording"]')!.click();
    $<HTMLInputElement>(widget, 'input[name="ageConfirmed"]')!.click();
    await clickIn(widget, 'button[name="agree"]');
    await waitFor(() => widget.store.getState().phase !== 'consent' && widget.store.getState().phase !== 'loading', 'consent stored', 15000);
  }

  it('shows every item the EU pack requires, with the facts, the employer sections and the strictest age; stores the hash', async () => {
    const session = await createSession({
      questions: withCompetencies,
      notice: EU_NOTICE,
      jurisdictions: ['EU'],
      retention: { mediaDays: 90, evaluationDays: 180 },
      flow: { minimumAge: 18 },
    });
    const widget = await mount(session);
    const disclosure = widget.store.getState().session!.disclosure!;
    const items = $$(widget, '[part~="notice-item"]');
    expect(items.map((s) => s.dataset.item)).to.deep.equal(disclosure.items);
    expect(disclosure.items).to.deep.equal(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10', 'C11', 'C13']);
    const item = (id: string) => items.find((s) => s.dataset.item === id)!;
    expect(item('C1').querySelector('h3')!.textContent).to.equal('Who is asking');
    expect(item('C1').querySelector('strong')!.textContent).to.equal('Acme Ltd');
    expect(item('C1').querySelector('img')).to.equal(null, 'markup in a section is text, never HTML');
    expect(item('C5').textContent).to.contain('does not analyze your face');
    expect(item('C4').textContent).to.contain('Question 1: Breaks problems down').and.contain('Question 2: Knows the role');
    expect(item('C9').textContent).to.contain('after 90 days').and.contain('after 180 days');
    const badLink = [...item('C13').querySelectorAll('a')].find((a) => a.textContent === 'Apply another way');
    expect(badLink?.getAttribute('href') ?? null, 'javascript: links are not links').to.equal(null);
    expect($(widget, 'label:has(input[name="ageConfirmed"])')!.textContent).to.contain('at least 18');
    await expectAccessible(widget, 'consent with a structured notice');

    await agree(widget);
    expect((window as { __pwned?: unknown }).__pwned).to.equal(undefined);
    const consent = (await storedSession(session.sessionId)).consents.at(-1)!;
    expect(consent.noticeVersion).to.equal('eu-1');
    expect(consent.noticeSha256).to.equal(disclosure.sha256);
    expect(consent.noticeLocale).to.equal('en');
  });

  it('translates Candid’s sections and records the language the notice was shown in', async () => {
    const session = await createSession({ questions: QUESTIONS, retention: { mediaDays: 30, evaluationDays: 60 } });
    const widget = await mount(session, 'es');
    await waitFor(() => $(widget, '[data-item="C10"] h3')?.textContent === 'Sus derechos', 'the Spanish catalog');
    const items = $$(widget, '[part~="notice-item"]').map((s) => s.dataset.item);
    expect(items, 'no pack, no competencies: Candid’s standard items only').to.deep.equal(['C2', 'C3', 'C5', 'C6', 'C9', 'C10', 'C11']);
    expect($(widget, '[data-item="C9"]')!.textContent).to.contain('al cabo de 30 días').and.contain('al cabo de 60 días');
    await agree(widget);
    const consent = (await storedSession(session.sessionId)).consents.at(-1)!;
    expect(consent.noticeLocale).to.equal('es');
    expect(consent.noticeSha256).to.equal(widget.store.getState().session!.disclosure!.sha256);
  });
});
