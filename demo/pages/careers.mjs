// The careers page: the widget from one <script> tag (the script-tag bundle, candid.js). A page a
// candidate sees: the employer's brand, the role, and nothing that leads to the ATS.
import { html } from '../lib/html.mjs';
import { candidateLayout } from './layout.mjs';

/**
 * `/`: the demo interview's careers page. The widget is added by /js/careers.js once
 * `POST /candidate-session` has answered with the visitor's token (one session per browser).
 */
export function careersPage({ title, employer, questions }) {
  const who = employer?.name ?? 'We';
  return candidateLayout({
    title,
    employer,
    scripts: [{ src: '/candid.js' }, { src: '/js/careers.js', module: true }],
    body: html`    <p class="eyebrow">Job opening · Video interview</p>
    <h1>${title}</h1>
    <p class="lead">${who} ${employer ? 'asks' : 'ask'} every applicant for this role the same ${questions} short questions,
       answered on video when it suits you.</p>
    <div id="interview" data-page="careers" data-endpoint="/candid"><p class="note" role="status">Preparing your interview…</p></div>`,
  });
}

/** `/interview?token=…`: the link the ATS admin sends a candidate. `title`: the role, when the link's session is known. */
export function invitedPage({ token, title, employer, finished = false }) {
  return candidateLayout({
    title: title ?? 'Your video interview',
    employer,
    scripts: [{ src: '/candid.js' }],
    body: html`    <p class="eyebrow">Your video interview</p>
    <h1>${title ?? 'Your video interview'}</h1>
    <p class="lead">${finished ? 'Your answers are in. Thank you for applying.' : 'Thank you for applying. Read how your recording is used, then record your answers.'}</p>
    <candid-interview token="${token}" endpoint="/candid"></candid-interview>`,
  });
}
