// The page shell every demo page shares: stylesheet, navigation, and external scripts only
// (the CSP allows no inline script, style or event handler).
import { html } from '../lib/html.mjs';

const NAV = [
  { href: '/', label: 'Careers page', key: 'careers' },
  { href: '/react', label: 'React page', key: 'react' },
  { href: '/ats', label: 'ATS admin', key: 'admin' },
  { href: '/review', label: 'Reviewer', key: 'review' },
];

/**
 * @param {{ title: string, active?: string, scripts?: Array<{ src: string, module?: boolean }>, body: unknown }} page
 */
export function layout({ title, active, scripts = [], body }) {
  return html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title} · Candid demo</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/demo.css">
  ${scripts.map((s) => (s.module ? html`<script type="module" src="${s.src}"></script>` : html`<script src="${s.src}" defer></script>`))}
</head>
<body>
  <header class="site">
    <strong>Acme</strong>
    <nav aria-label="Demo pages">
      <ul>${NAV.map((item) => html`<li><a href="${item.href}"${item.key === active ? html` aria-current="page"` : ''}>${item.label}</a></li>`)}</ul>
    </nav>
  </header>
  <main>
${body}
  </main>
</body>
</html>`;
}

/** A Candid error as the pages show it: its stable code, its message, and field issues if any. */
export function errorBox(error) {
  const { code, message, issues } = error.toJSON ? error.toJSON().error : error;
  return html`<div class="error" role="alert"><p><code>${code}</code> ${message}</p>${
    issues?.length ? html`<ul>${issues.map((i) => html`<li><code>${i.path || '(body)'}</code> ${i.message}</li>`)}</ul>` : ''
  }</div>`;
}

export function errorPage(error, status) {
  return layout({ title: `Error ${status}`, body: html`<h1>Something is not right</h1>${errorBox(error)}<p><a href="/">Back to the careers page</a></p>` });
}

export const formatDate = (iso) => (iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '');
