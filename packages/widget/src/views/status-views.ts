import { html, nothing, type TemplateResult } from 'lit';
import type { CandidErrorInfo } from '../errors.js';
import type { CandidMessages } from '../lang/en.js';
import { HELP_CODES, helpView } from './help-view.js';

export const loadingView = (m: CandidMessages): TemplateResult =>
  html`<p part="status" aria-busy="true">${m.loading}</p>`;

export const declinedView = (m: CandidMessages): TemplateResult =>
  html`<section part="declined"><h2>${m.declinedTitle}</h2><p>${m.declinedBody}</p></section>`;

export const permissionView = (m: CandidMessages, audioOnly: boolean): TemplateResult =>
  html`<section part="permission"><h2>${m.permissionTitle}</h2><p>${audioOnly ? m.permissionBodyAudio : m.permissionBody}</p></section>`;

export const doneView = (m: CandidMessages): TemplateResult =>
  html`<section part="done"><h2>${m.doneTitle}</h2><p>${m.doneBody}</p></section>`;

/** Calm banner while offline or while requests are being retried; silent otherwise. */
export const networkBanner = (m: CandidMessages, online: boolean, reconnecting: boolean, persistent: boolean): TemplateResult | typeof nothing =>
  online && !reconnecting
    ? nothing
    : html`<p class="banner" part="network" role="status" data-state=${online ? 'reconnecting' : 'offline'}>
        ${online ? m.reconnecting : m.offline} ${persistent ? nothing : m.noLocalCopy}
      </p>`;

/**
 * The error, with a per-code slot (`error-CAMERA_PERMISSION_DENIED`, …) for custom help. Camera
 * and microphone problems get plain-language help (per browser for a denied permission).
 */
export const errorView = (m: CandidMessages, error: CandidErrorInfo | null, onRetry: () => void, audioOnly = false): TemplateResult => {
  if (error && HELP_CODES.has(error.code)) return helpView(m, error, audioOnly, onRetry);
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
