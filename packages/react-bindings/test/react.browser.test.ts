// @candid/react with React 19 in real Chromium against a real Candid server (the candid-server
// wtr plugin). React comes as ES modules from test/support/react-esm-plugin.mjs.
import { expect } from '@esm-bundle/chai';
import * as React from 'react';
import { createRoot, hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { CandidInterview, CandidProvider, useCandidState, type CandidInterviewElement, type CandidReadyEvent } from '../src/index.js';
import { createSession, waitFor, warmUpServer } from '../../widget/test/support/helpers.js';

const h = React.createElement;

/** Shows the provider's interview phase, and counts its renders. */
function Phase({ renders }: { renders?: string[] }) {
  const phase = useCandidState((s) => s.phase);
  renders?.push(String(phase));
  return h('output', { id: 'phase' }, phase ?? 'no-state');
}

const phaseText = (container: HTMLElement) => container.querySelector('#phase')?.textContent;

/** Runs `fn` with console.error recorded (React reports hydration mismatches there). */
function recordConsoleErrors(): { errors: unknown[][]; restore: () => void } {
  const errors: unknown[][] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => {
    errors.push(args);
    original.apply(console, args);
  };
  return { errors, restore: () => (console.error = original) };
}

describe('@candid/react in Chromium (React 19, real server)', function () {
  this.timeout(60000);
  let container: HTMLElement;
  let root: Root | undefined;

  before(async function () {
    this.timeout(90000);
    await warmUpServer();
  });

  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
  });

  afterEach(() => {
    root?.unmount();
    root = undefined;
    container.remove();
  });

  it('renders the element, fires onCandidReady with the session, and the hook follows the phase', async () => {
    const session = await createSession();
    const ready: CandidReadyEvent[] = [];
    const phaseRenders: string[] = [];
    const elementRef = React.createRef<CandidInterviewElement>();
    root = createRoot(container);
    root.render(
      h(
        CandidProvider,
        null,
        h(CandidInterview, { ref: elementRef, endpoint: session.endpoint, token: session.token, onCandidReady: (e) => ready.push(e) }),
        h(Phase, { renders: phaseRenders }),
      ),
    );

    await waitFor(() => ready.length === 1, 'onCandidReady');
    expect(ready[0]!.detail.sessionId).to.equal(session.sessionId);
    expect(ready[0]!.detail.questionCount).to.equal(1);
    await waitFor(() => phaseText(container) === 'consent', 'Phase shows consent');

    // The user's ref still gets the element, and it is the one the hook reads.
    const element = elementRef.current!;
    expect(element.localName).to.equal('candid-interview');
    expect(element.token).to.equal(session.token);
    expect(element.store.getState().phase).to.equal('consent');
    // Rendered only for distinct values: no re-render per store update (session, pending, …).
    expect(phaseRenders).to.deep.equal([...new Set(phaseRenders)]);
    expect(phaseRenders.at(-1)).to.equal('consent');
  });

  // StrictMode: React attaches, detaches and re-attaches refs and effects once more on mount.
  it('follows the interview mounting later, being replaced and unmounting (StrictMode); undefined outside a provider', async () => {
    const first = await createSession();
    const second = await createSession();
    function SessionId() {
      return h('output', { id: 'session' }, useCandidState((s) => s.session?.sessionId) ?? 'no-session');
    }
    function Outside() {
      return h('output', { id: 'outside' }, useCandidState((s) => s.phase) ?? 'no-state');
    }
    const text = (id: string) => container.querySelector(`#${id}`)?.textContent;
    const app = (session: { endpoint: string; token: string } | null) =>
      h(
        React.StrictMode,
        null,
        h(
          CandidProvider,
          null,
          session ? h(CandidInterview, { key: session.token, endpoint: session.endpoint, token: session.token }) : null,
          h(Phase),
          h(SessionId),
        ),
        h(Outside),
      );
    root = createRoot(container);

    root.render(app(null));
    await waitFor(() => phaseText(container) === 'no-state', 'no interview yet');

    root.render(app(first));
    await waitFor(() => phaseText(container) === 'consent', 'first interview at consent');
    expect(text('session')).to.equal(first.sessionId);

    // A new key: the old element unmounts and the new one mounts in one commit.
    root.render(app(second));
    await waitFor(() => text('session') === second.sessionId, 'the second interview replaces the first');
    await waitFor(() => phaseText(container) === 'consent', 'second interview at consent');
    expect(container.querySelectorAll('candid-interview')).to.have.length(1);

    root.render(app(null));
    await waitFor(() => phaseText(container) === 'no-state', 'interview unmounted');
    expect(text('session')).to.equal('no-session');
    expect(text('outside')).to.equal('no-state');
  });

  it('reads an element through a ref, without a provider', async () => {
    const session = await createSession();
    function WithRef() {
      const ref = React.useRef<CandidInterviewElement>(null);
      const questions = useCandidState((s) => s.session?.questions.length, ref);
      return h(
        React.Fragment,
        null,
        h(CandidInterview, { ref, endpoint: session.endpoint, token: session.token }),
        h('output', { id: 'questions' }, questions === undefined ? 'none' : String(questions)),
      );
    }
    root = createRoot(container);
    root.render(h(WithRef));
    await waitFor(() => container.querySelector('#questions')?.textContent === '1', 'question count from the store');
  });

  it('hydrates server-rendered markup without a mismatch, then shows the live phase', async () => {
    const session = await createSession();
    const tree = () =>
      h(CandidProvider, null, h(CandidInterview, { endpoint: session.endpoint, token: session.token }), h(Phase));

    const html = renderToString(tree());
    expect(html).to.match(/^<candid-interview[^>]*><\/candid-interview><output id="phase">no-state<\/output>$/);
    container.innerHTML = html;
    const serverElement = container.querySelector('candid-interview');

    const recoverable: unknown[] = [];
    const consoleErrors = recordConsoleErrors();
    try {
      root = hydrateRoot(container, tree(), { onRecoverableError: (error) => recoverable.push(error) });
      await waitFor(() => phaseText(container) === 'consent', 'live phase after hydration');
    } finally {
      consoleErrors.restore();
    }
    expect(recoverable, 'recoverable (hydration) errors').to.deep.equal([]);
    expect(consoleErrors.errors, 'console.error calls').to.deep.equal([]);
    // Hydration adopted the server's element instead of replacing it.
    expect(container.querySelector('candid-interview')).to.equal(serverElement);
  });
});
