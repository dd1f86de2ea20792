// /react: the same interview through @candid/react (bundled by demo/rollup.part.mjs into demo/dist).
import { html } from '../lib/html.mjs';
import { layout } from './layout.mjs';

export function reactPage({ title, token, sessionId }) {
  return layout({
    title: `React · ${title}`,
    active: 'react',
    scripts: [{ src: '/dist/react-page.js', module: true }],
    body: html`    <h1>${title}: the React version</h1>
    <p>This page renders <code>&lt;CandidInterview&gt;</code> from <code>@candid/react</code> inside a
       <code>&lt;CandidProvider&gt;</code>; the status line below reads the widget's state with
       <code>useCandidState(s =&gt; s.phase)</code>. Session <code>${sessionId}</code>.</p>
    <div id="react-root" data-token="${token}" data-endpoint="/candid" data-assets-base="/assets/"></div>`,
  });
}
