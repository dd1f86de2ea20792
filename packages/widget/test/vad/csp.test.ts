// The script-tag bundle on a page with a strict Content-Security-Policy (no 'unsafe-inline', no
// 'unsafe-eval'), served by test/support/static-assets.mjs. The widget finds its assets next to
// the script (default assets-base). docs/csp.md documents the policy checked here.
import { expect } from '@esm-bundle/chai';
import { consentOverHttp, createSession, delay, waitFor } from '../support/helpers.js';

type FrameWidget = HTMLElement & { store: { getState(): { phase: string } } };
type FrameWindow = Window & { __violations: Array<{ directive: string; blocked: string; sample: string }> };

/** The policy a host needs: scripts (and wasm compilation) from itself, fetches to itself and the Candid endpoint. */
const policy = (endpoint: string, scriptSrc: string) =>
  `default-src 'none'; script-src ${scriptSrc}; connect-src 'self' ${new URL(endpoint).origin}`;

async function openFrame(scriptSrc: string): Promise<{ frame: HTMLIFrameElement; win: FrameWindow; el: FrameWidget }> {
  const session = await createSession();
  await consentOverHttp(session);
  const csp = policy(session.endpoint, scriptSrc);
  const frame = document.createElement('iframe');
  frame.style.width = '800px';
  frame.style.height = '900px';
  frame.src = `/__csp__/page.html?${new URLSearchParams({ csp, endpoint: session.endpoint, token: session.token })}`;
  document.body.append(frame);
  const win = await waitFor(() => (frame.contentWindow as FrameWindow | null)?.__violations && (frame.contentWindow as FrameWindow), 'CSP page');
  const el = await waitFor(() => win.document.querySelector<FrameWidget>('candid-interview'), 'widget in the CSP page');
  await waitFor(() => el.store?.getState().phase === 'check', 'device check in the CSP page', 20000);
  return { frame, win, el };
}

const speechCheck = (el: HTMLElement) => el.shadowRoot?.querySelector<HTMLElement>('[part~="speech-check"]') ?? null;

describe('VAD under a strict CSP (script-tag bundle)', function () {
  this.timeout(60000);
  let frame: HTMLIFrameElement | undefined;

  afterEach(() => {
    frame?.remove();
    frame = undefined;
  });

  it("runs with script-src 'self' 'wasm-unsafe-eval' and connect-src for assets and endpoint: no violation", async () => {
    const opened = await openFrame("'self' 'wasm-unsafe-eval'");
    frame = opened.frame;
    await waitFor(() => speechCheck(opened.el)?.dataset.heard === 'yes', 'the VAD hears speech under the CSP', 20000);
    expect(opened.win.__violations).to.deep.equal([]);
  });

  it("without 'wasm-unsafe-eval' the VAD is off, silently, and the device check still works", async () => {
    const opened = await openFrame("'self'");
    frame = opened.frame;
    await waitFor(() => opened.win.__violations.some((v) => v.directive === 'script-src' && v.blocked === 'wasm-eval'), 'the wasm violation', 20000);
    await delay(500);
    expect(speechCheck(opened.el), 'no speech check').to.equal(null);
    expect(opened.el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    const next = opened.el.shadowRoot!.querySelector<HTMLButtonElement>('button[name="continue"]');
    expect(next?.disabled).to.equal(false);
  });
});
