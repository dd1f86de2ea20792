// The whole interview, script-tag bundle, on a page whose Content-Security-Policy allows no inline
// script, no eval and no inline style (the recipe in docs/csp.md): consent, device check, intro,
// record, review (local playback from a blob: URL), submit, done — and not one CSP violation.
import { expect } from '@esm-bundle/chai';
import { createSession, driveOneAnswer, storedSession, waitFor } from './support/helpers.js';
import { strictPolicy } from './support/strict-csp.mjs';

type FrameWidget = HTMLElement & { store: { getState(): { phase: string } } };
type FrameWindow = Window & { __violations: Array<{ directive: string; blocked: string; sample: string }> };


describe('the whole flow under a strict CSP (script-tag bundle)', function () {
  this.timeout(90000);
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => {
    frame?.remove();
    frame = undefined;
  });

  it("script-src 'self' 'wasm-unsafe-eval', no inline anything: consent → record → review → submit → done, no violation", async () => {
    const session = await createSession({ notice: { version: 'v1', markdown: '# Notice\n**Recorded** answers.' } });
    frame = document.createElement('iframe');
    frame.style.width = '800px';
    frame.style.height = '1000px';
    frame.src = `/__csp__/page.html?${new URLSearchParams({ csp: strictPolicy(session.endpoint), endpoint: session.endpoint, token: session.token })}`;
    document.body.append(frame);
    const win = await waitFor(() => (frame!.contentWindow as FrameWindow | null)?.__violations && (frame!.contentWindow as FrameWindow), 'CSP page');
    const el = await waitFor(() => win.document.querySelector<FrameWidget>('candid-interview'), 'widget in the CSP page');
    const root = () => el.shadowRoot!;
    const phase = (name: string, ms = 20000) => waitFor(() => el.store?.getState().phase === name, `phase ${name}`, ms);
    const click = async (selector: string) => (await waitFor(() => root().querySelector<HTMLElement>(selector), selector)).click();

    await phase('consent');
    await waitFor(() => root().querySelector('[part~="notice"] strong'), 'Markdown notice rendered');
    await driveOneAnswer(phase, click, async () => {
      const playback = await waitFor(() => root().querySelector<HTMLVideoElement>('video[part="playback"]'), 'playback');
      await waitFor(() => playback.readyState >= 1, 'local playback (media-src blob:)');
    });

    expect(win.__violations, 'CSP violations').to.deep.equal([]);
    // Lit's styles arrive as adopted stylesheets (not <style> elements, which style-src 'self' would block).
    expect(root().adoptedStyleSheets.length).to.be.greaterThan(0);
    const stored = await storedSession(session.sessionId);
    expect(stored.status).to.equal('completed');
    expect(stored.answers).to.have.length(1);
  });
});
