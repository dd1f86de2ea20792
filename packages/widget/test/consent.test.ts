import { expect } from '@esm-bundle/chai';
import '../src/index.js';
import type { CandidInterview } from '../src/candid-interview.js';
import type { CandidConsentDetail } from '../src/events.js';
import { createSession, delay, nextEvent, storedSession, waitFor } from './support/helpers.js';

describe('<candid-interview> consent step', () => {
  let el: CandidInterview | undefined;
  afterEach(() => {
    el?.remove();
    el = undefined;
  });

  async function mount() {
    const session = await createSession();
    el = document.createElement('candid-interview');
    el.endpoint = session.endpoint;
    el.token = session.token;
    document.body.append(el);
    await waitFor(() => el!.store.getState().phase === 'consent', 'consent phase');
    await el.updateComplete;
    return { session, root: el.shadowRoot! };
  }

  it('does not accept without the recording and age boxes, and says why', async () => {
    const { root } = await mount();
    let consentEvents = 0;
    el!.addEventListener('candid-consent', () => consentEvents++);
    root.querySelector<HTMLInputElement>('input[name="aiEvaluation"]')!.click();
    root.querySelector<HTMLButtonElement>('button[name="agree"]')!.click();
    await el!.updateComplete;
    expect(root.querySelector('.hint[role="alert"]')).to.not.equal(null);
    root.querySelector<HTMLInputElement>('input[name="recording"]')!.click();
    root.querySelector<HTMLButtonElement>('button[name="agree"]')!.click(); // still no age
    await delay(200);
    expect(el!.store.getState().phase).to.equal('consent');
    expect(consentEvents).to.equal(0);
    // Every checkbox has an accessible label.
    for (const box of root.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')) {
      expect(box.labels?.[0]?.textContent?.trim()).to.not.equal('');
    }
  });

  it('Decline posts the decision and shows the declined screen; nothing is recorded', async () => {
    const { session, root } = await mount();
    const consent = nextEvent<CandidConsentDetail>(el!, 'candid-consent');
    root.querySelector<HTMLInputElement>('input[name="ageConfirmed"]')!.click();
    root.querySelector<HTMLButtonElement>('button[name="decline"]')!.click();
    const { detail } = await consent;
    expect(detail.accepted).to.equal(false);
    expect(detail.choices).to.deep.equal({ recording: false, aiEvaluation: false, productImprovement: false });
    expect(detail.status).to.equal('invited');
    await waitFor(() => el!.store.getState().phase === 'declined', 'declined phase');
    await el!.updateComplete;
    expect(root.querySelector('[part="declined"]')).to.not.equal(null);
    expect(root.querySelector('video')).to.equal(null);
    const stored = await storedSession(session.sessionId);
    expect(stored.status).to.equal('invited');
    expect(stored.consents.length).to.be.greaterThan(0);
  });
});
