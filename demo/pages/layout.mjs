// The page shells. Two audiences, two headers:
// - candidate pages (careers page, React page, interview link, privacy notice) carry the employer's
//   brand and link nowhere a candidate should not go: no admin, reviewer or JSON links;
// - operator pages (the fake ATS's admin and reviewer) carry the demo's navigation, including the
//   candidate pages, clearly labelled as what a candidate sees.
// External scripts only: the CSP allows no inline script, style or event handler.
import { html } from '../lib/html.mjs';

const OPERATOR_NAV = [
  { href: '/ats', label: 'ATS admin', key: 'admin' },
  { href: '/review', label: 'Reviewer', key: 'review' },
  { href: '/', label: 'Careers page (candidate view)', key: 'careers' },
  { href: '/react', label: 'React page (candidate view)', key: 'react' },
];

function shell({ title, scripts, header, body, bodyClass }) {
  return html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/demo.css">
  ${scripts.map((s) => (s.module ? html`<script type="module" src="${s.src}"></script>` : html`<script src="${s.src}" defer></script>`))}
</head>
<body class="${bodyClass}">
  ${header}
  <main>
${body}
  </main>
</body>
</html>`;
}

/**
 * A page a candidate sees. `employer`: who is asking (Candid's `employer`, or null); its logo and
 * name make the header, and its privacy policy and contact the footer.
 *
 * @param {{ title: string, employer: object | null, scripts?: Array<{ src: string, module?: boolean }>, body: unknown }} page
 */
export function candidateLayout({ title, employer, scripts = [], body }) {
  const name = employer?.name ?? 'Careers';
  const header = html`<header class="site brand">
    <a class="brand-home" href="/">${employer?.logoUrl ? html`<img src="${employer.logoUrl}" alt="" width="36" height="36">` : ''}<span>${name}</span></a>
    <span class="brand-tagline">Careers</span>
  </header>`;
  const footer = employer
    ? html`<footer class="site-footer">
      ${employer.privacyUrl ? html`<a href="${employer.privacyUrl}">Privacy notice</a>` : ''}
      ${employer.contactEmail ? html`<a href="mailto:${employer.contactEmail}">${employer.contactEmail}</a>` : ''}
      ${employer.contactUrl ? html`<a href="${employer.contactUrl}">Contact</a>` : ''}
    </footer>`
    : '';
  return shell({ title: `${title} · ${name}`, scripts, header, bodyClass: 'candidate', body: html`${body}\n    ${footer}` });
}

/**
 * A page of the fake ATS (admin, reviewer): the person running the demo gets around from here.
 *
 * @param {{ title: string, active?: string, scripts?: Array<{ src: string, module?: boolean }>, body: unknown }} page
 */
export function operatorLayout({ title, active, scripts = [], body }) {
  const header = html`<header class="site operator">
    <strong>Candid demo <span class="badge">operator</span></strong>
    <nav aria-label="Demo pages">
      <ul>${OPERATOR_NAV.map((item) => html`<li><a href="${item.href}"${item.key === active ? html` aria-current="page"` : ''}>${item.label}</a></li>`)}</ul>
    </nav>
  </header>`;
  return shell({ title: `${title} · Candid demo`, scripts, header, bodyClass: 'operator', body });
}

/** A Candid error as the pages show it: its stable code, its message, and field issues if any. */
export function errorBox(error) {
  const { code, message, issues } = error.toJSON ? error.toJSON().error : error;
  return html`<div class="error" role="alert"><p><code>${code}</code> ${message}</p>${
    issues?.length ? html`<ul>${issues.map((i) => html`<li><code>${i.path || '(body)'}</code> ${i.message}</li>`)}</ul>` : ''
  }</div>`;
}

/** An error page in the shell of whoever asked: a candidate's link never leads to the admin pages. */
export function errorPage(error, status, { operator = false, employer = null } = {}) {
  if (operator) return operatorLayout({ title: `Error ${status}`, body: html`<h1>Something is not right</h1>${errorBox(error)}<p><a href="/ats">Back to the ATS admin</a></p>` });
  return candidateLayout({
    title: 'This link does not work',
    employer,
    body: html`<h1>This link does not work</h1>${errorBox(error)}<p>If it still does not work, ask the employer for a new link.</p>`,
  });
}

export const formatDate = (iso) => (iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '');

/** A date that never wraps inside a table cell. */
export const dateCell = (iso) => html`<span class="date">${formatDate(iso)}</span>`;
