// Smoke test of the minified script-tag bundle (packages/widget/dist/candid.js).
// Skipped (and counted as skipped) when the bundle has not been built: `npm run build:bundles`.
import { expect } from '@esm-bundle/chai';
import { createSession, nextEvent, waitFor } from './support/helpers.js';

const BUNDLE = '/packages/widget/dist/candid.js';

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = `${src}?v=${Math.random()}`;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`failed to load ${src}`));
    document.head.append(script);
  });
}

describe('script-tag bundle', () => {
  it('defines <candid-interview>, survives being loaded twice, and talks to the server', async function () {
    const head = await fetch(BUNDLE, { method: 'HEAD' });
    if (!head.ok) this.skip();

    const errors: unknown[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.error ?? e.message);
    window.addEventListener('error', onError);
    await loadScript(BUNDLE);
    await loadScript(BUNDLE); // a second copy must not throw "already been used"
    window.removeEventListener('error', onError);
    expect(errors).to.deep.equal([]);

    const Ctor = customElements.get('candid-interview') as (CustomElementConstructor & { version?: string }) | undefined;
    expect(Ctor, 'element defined').to.not.equal(undefined);
    const global = (window as unknown as { Candid?: { VERSION: string; CandidError: unknown } }).Candid;
    expect(global?.VERSION).to.equal(Ctor!.version);

    const session = await createSession();
    const el = document.createElement('candid-interview') as HTMLElement & { store: { getState(): { phase: string } } };
    const ready = nextEvent(el, 'candid-ready');
    el.setAttribute('endpoint', session.endpoint);
    el.setAttribute('token', session.token);
    document.body.append(el);
    await ready;
    await waitFor(() => el.shadowRoot?.querySelector('button[name="agree"]'), 'consent form from the bundle');
    expect(el.store.getState().phase).to.equal('consent');
    el.remove();
  });
});
