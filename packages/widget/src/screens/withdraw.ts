import { html, type TemplateResult } from 'lit';
import type { Ask } from '../flow/requests.js';
import type { CandidMessages } from '../lang/en.js';

/** Withdrawal of consent: one confirmation, the destructive action clearly labelled. */
export function withdrawConfirm(m: CandidMessages, busy: boolean, ask: Ask): TemplateResult {
  return html`<div part="withdraw-confirm" role="alertdialog" aria-labelledby="withdraw-title" aria-describedby="withdraw-body" class="confirm">
    <h3 id="withdraw-title" tabindex="-1">${m.withdrawConfirmTitle}</h3>
    <p id="withdraw-body">${m.withdrawConfirmBody}</p>
    <div class="actions">
      <button type="button" name="withdraw-confirm" part="button withdraw-confirm" class="danger" ?disabled=${busy} @click=${() => ask({ type: 'withdraw' })}>
        ${m.withdrawConfirm}
      </button>
      <button type="button" name="withdraw-cancel" part="button withdraw-cancel" @click=${() => ask({ type: 'close-panel' })}>
        ${m.withdrawCancel}
      </button>
    </div>
  </div>`;
}

export const withdrawnView = (m: CandidMessages): TemplateResult =>
  html`<section part="withdrawn" class="calm">
    <div class="badge" data-tone="quiet" aria-hidden="true">✓</div>
    <h2 tabindex="-1">${m.withdrawnTitle}</h2>
    <p>${m.withdrawnBody}</p>
  </section>`;
