import { html, nothing, type TemplateResult } from 'lit';
import type { CandidErrorInfo } from '../errors.js';
import type { CandidMessages } from '../lang/en.js';

export const loadingView = (m: CandidMessages): TemplateResult =>
  html`<p part="status" aria-busy="true">${m.loading}</p>`;

export const declinedView = (m: CandidMessages): TemplateResult =>
  html`<section part="declined"><h2>${m.declinedTitle}</h2><p>${m.declinedBody}</p></section>`;

export const permissionView = (m: CandidMessages): TemplateResult =>
  html`<section part="permission"><h2>${m.permissionTitle}</h2><p>${m.permissionBody}</p></section>`;

export const doneView = (m: CandidMessages): TemplateResult =>
  html`<section part="done"><h2>${m.doneTitle}</h2><p>${m.doneBody}</p></section>`;

/** The error, with a per-code slot (`error-CAMERA_PERMISSION_DENIED`, …) for custom help. */
export const errorView = (m: CandidMessages, error: CandidErrorInfo | null, onRetry: () => void): TemplateResult => {
  const code = error?.code ?? 'UNKNOWN';
  const text = m.errors[code] ?? error?.message ?? '';
  return html`
    <section part="error" role="alert" data-code=${code}>
      <h2>${m.errorTitle}</h2>
      <slot name=${`error-${code}`}><p>${text}</p></slot>
      ${error?.recoverable
        ? html`<div class="actions"><button type="button" name="retry" part="button retry" @click=${onRetry}>${m.retry}</button></div>`
        : nothing}
    </section>
  `;
};
