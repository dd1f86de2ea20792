import { html, nothing, type TemplateResult } from 'lit';
import type { Employer } from '../api/types.js';
import type { CandidErrorInfo } from '../errors.js';
import type { Ask } from '../flow/requests.js';
import type { BootMessages } from '../lang/boot.js';
import type { CandidMessages } from '../lang/en.js';
import type { UploadProgress } from '../store/state.js';
import { uploadProgress } from './upload-progress.js';

export const loadingView = (text: string): TemplateResult => html`<p part="status" aria-busy="true">${text}</p>`;

export const declinedView = (m: CandidMessages): TemplateResult =>
  html`<section part="declined" class="calm"><div class="badge" data-tone="quiet" aria-hidden="true">–</div><h2>${m.declinedTitle}</h2><p>${m.declinedBody}</p></section>`;

export const permissionView = (m: CandidMessages, audioOnly: boolean): TemplateResult =>
  html`<section part="permission" class="calm" aria-busy="true"><h2>${m.permissionTitle}</h2><p>${audioOnly ? m.permissionBodyAudio : m.permissionBody}</p></section>`;

/** Finishing what an earlier visit left in the journal. */
export const resumingView = (m: CandidMessages, progress: UploadProgress | null): TemplateResult => html`
  <section part="resuming" class="calm" aria-busy="true">
    <h2>${m.resumingTitle}</h2>
    <p>${m.resumingBody}</p>
    ${uploadProgress(m, progress)}
  </section>
`;

/** A calm ending: sent, what happens next, how to reach the employer, and the candidate's rights. */
export function doneView(m: CandidMessages, employer: Employer | null): TemplateResult {
  const contact = employer?.contactEmail ? `mailto:${employer.contactEmail}` : employer?.contactUrl;
  return html`<section part="done" class="calm">
    <div class="badge" aria-hidden="true">✓</div>
    <h2>${m.doneTitle}</h2>
    <p class="lead">${m.doneSent(employer?.name ?? null)}</p>
    <p>${m.doneNext(employer?.name ?? null)}</p>
    ${contact ? html`<p><a part="contact" href=${contact} rel="noopener noreferrer" target="_blank">${m.doneContact(employer?.contactEmail ?? null)}</a></p>` : nothing}
    <p class="meta">
      ${m.doneRights}
      ${employer?.privacyUrl ? html`<a part="privacy" href=${employer.privacyUrl} rel="noopener noreferrer" target="_blank">${m.privacyLink}</a>` : nothing}
    </p>
    <p class="meta">${m.doneClose}</p>
  </section>`;
}

/** The error, with a per-code slot (`error-SESSION_TOKEN_EXPIRED`, …) for custom help. */
export function errorView(m: CandidMessages | BootMessages, error: CandidErrorInfo | null, ask: Ask): TemplateResult {
  const code = error?.code ?? 'UNKNOWN';
  const full = 'errors' in m ? m : null;
  const text = full ? (full.errors[code] ?? error?.message ?? '') : (m as BootMessages).unavailable;
  return html`
    <section part="error" class="calm" role="alert" data-code=${code}>
      <div class="badge" data-tone="error" aria-hidden="true">!</div>
      ${full ? html`<h2>${full.errorTitle}</h2>` : nothing}
      <slot name=${`error-${code}`}><p>${text}</p></slot>
      ${error?.recoverable
        ? html`<div class="actions"><button type="button" name="retry" part="button primary retry" class="primary" @click=${() => ask({ type: 'retry' })}>${m.retry}</button></div>`
        : nothing}
    </section>
  `;
}
