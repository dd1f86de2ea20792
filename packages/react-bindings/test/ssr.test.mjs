// Runs in plain Node: the package must import without a DOM and render on the server.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

describe('@candid/react in Node (SSR)', () => {
  it('imports without window or document', async () => {
    assert.equal(typeof globalThis.window, 'undefined');
    const mod = await import('@candid/react');
    assert.equal(typeof mod.CandidInterview, 'object'); // a forwardRef component
    assert.equal(mod.CandidInterview.displayName, 'CandidInterview');
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
});
