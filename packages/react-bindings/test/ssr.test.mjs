// Runs in plain Node: the package must import without a DOM and render on the server.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

describe('@candid/react in Node (SSR)', () => {
  it('imports without window or document', async () => {
    assert.equal(typeof globalThis.window, 'undefined');
    const mod = await import('@candid/react');
    assert.equal(typeof mod.CandidInterview, 'object'); // a forwardRef component
    assert.equal(mod.CandidInterview.displayName, 'CandidInterview');
    assert.equal(typeof mod.CandidProvider, 'function');
    assert.equal(typeof mod.useCandidState, 'function');
    assert.equal(typeof globalThis.window, 'undefined', 'importing must not create a window');
  });

  it('renders the custom element tag server-side', async () => {
    const React = await import('react');
    const { renderToString } = await import('react-dom/server');
    const { CandidInterview } = await import('@candid/react');
    const html = renderToString(React.createElement(CandidInterview, { token: 'tok', endpoint: '/candid', onCandidComplete: () => {} }));
    assert.match(html, /^<candid-interview\b/);
    assert.doesNotMatch(html, /onCandidComplete/i, 'event props must not leak into markup');
  });

  it('renders a provider tree: the element, and the hook falls back to undefined', async () => {
    const React = await import('react');
    const { renderToString } = await import('react-dom/server');
    const { CandidInterview, CandidProvider, useCandidState } = await import('@candid/react');
    const seen = [];
    function Phase() {
      const phase = useCandidState((s) => s.phase);
      seen.push(phase);
      return React.createElement('output', { id: 'phase' }, phase === undefined ? 'no-state' : `phase:${phase}`);
    }
    const html = renderToString(
      React.createElement(
        CandidProvider,
        null,
        React.createElement(CandidInterview, { id: 'iv', className: 'wide', token: 'tok', endpoint: '/candid', onCandidReady: () => {} }),
        React.createElement(Phase),
      ),
    );
    // Element properties (token, endpoint, …) are set on the element after hydration (@lit/react),
    // so the server markup carries only plain attributes.
    assert.match(html, /^<candid-interview id="iv" class="wide"><\/candid-interview>/);
    assert.match(html, /<output id="phase">no-state<\/output>$/);
    assert.deepEqual(seen, [undefined]);
    assert.equal(typeof globalThis.window, 'undefined', 'rendering must not create a window');
    assert.equal(typeof globalThis.document, 'undefined', 'rendering must not create a document');
  });

  it('returns undefined outside a provider and with an empty ref, without throwing', async () => {
    const React = await import('react');
    const { renderToString } = await import('react-dom/server');
    const { useCandidState } = await import('@candid/react');
    const values = [];
    function Outside() {
      values.push(useCandidState((s) => s.phase));
      values.push(useCandidState((s) => s.phase, { current: null }));
      return null;
    }
    assert.equal(renderToString(React.createElement(Outside)), '');
    assert.deepEqual(values, [undefined, undefined]);
  });
});
