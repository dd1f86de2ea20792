// /react: the same interview through @candid/react (bundled by demo/rollup.part.mjs into demo/dist).
// A candidate page like the careers page (no ATS links); the note says what the page demonstrates.
import { html } from '../lib/html.mjs';
import { candidateLayout } from './layout.mjs';

/** `/react`: the bundle asks `POST /candidate-session` for the visitor's token, then renders. */
export function reactPage({ title, employer }) {
  return candidateLayout({
    title,
    employer,
    scripts: [{ src: '/dist/react-page.js', module: true }],
    body: html`    <p class="eyebrow">Job opening · Video interview (React)</p>
    <h1>${title}</h1>
    <p class="note">This page renders <code>&lt;CandidInterview&gt;</code> from <code>@candid/react</code> inside a
       <code>&lt;CandidProvider&gt;</code>; the status line below reads the widget's state with
       <code>useCandidState(s =&gt; s.phase)</code>.</p>
    <div id="react-root" data-page="react" data-endpoint="/candid" data-assets-base="/assets/"></div>`,
  });
}
