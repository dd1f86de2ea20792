// Runs inside the fresh project: server-side rendering with the installed @candid/react, in plain
// Node (no DOM). Prints `RESULT {json}`.
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { CandidInterview } from '@candid/react';

const html = renderToString(
  createElement(CandidInterview, { token: 'tok', endpoint: 'https://ats.example/candid', onCandidComplete: () => {} }),
);
console.log(`RESULT ${JSON.stringify({ html, window: typeof globalThis.window, displayName: CandidInterview.displayName })}`);
