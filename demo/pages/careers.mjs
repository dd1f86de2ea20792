// The careers page: the widget from one <script> tag (the script-tag bundle, candid.js).
import { html } from '../lib/html.mjs';
import { layout } from './layout.mjs';

/** `/`: each visit is a new candidate of the demo interview. */
export function careersPage({ title, token, sessionId }) {
  return layout({
    title: `Careers · ${title}`,
    active: 'careers',
    scripts: [{ src: '/candid.js' }],
    body: html`    <h1>${title}: your video interview</h1>
    <p>Two short questions. You can retake each answer once. Session <code>${sessionId}</code>
       (<a href="/ats/sessions/${sessionId}">what the ATS sees</a>, <a href="/review/${sessionId}">the reviewer's view</a>).</p>
    <candid-interview token="${token}" endpoint="/candid"></candid-interview>`,
  });
}

/** `/interview?token=…`: the link the ATS admin sends a candidate. */
export function invitedPage({ token }) {
  return layout({
    title: 'Your video interview',
    scripts: [{ src: '/candid.js' }],
    body: html`    <h1>Your video interview</h1>
    <p>Thank you for applying. Read how your recording is used, then record your answers.</p>
    <candid-interview token="${token}" endpoint="/candid"></candid-interview>`,
  });
}
