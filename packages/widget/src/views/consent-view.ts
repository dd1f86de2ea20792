import { html, nothing, type TemplateResult } from 'lit';
import type { Disclosure, Notice, Question } from '../api/types.js';
import type { CandidMessages } from '../lang/en.js';
import { noticeView } from './notice-view.js';

export interface ConsentViewProps {
  m: CandidMessages;
  notice: Notice | null;
  disclosure: Disclosure | null;
  questions: readonly Question[];
  busy: boolean;
  showHint: boolean;
  minimumAge: number;
  onAgree: (event: SubmitEvent) => void;
  onDecline: (event: MouseEvent) => void;
  onAlternative: () => void;
}

/**
 * Notice (a safe Markdown subset, never HTML), three separate unticked purpose checkboxes, the age
 * confirmation, and "I agree" / "Decline" / "Ask for another format" with the same styling.
 */
export function consentView(p: ConsentViewProps): TemplateResult {
  const { m } = p;
  return html`
    <form part="consent" novalidate aria-labelledby="consent-title" @submit=${p.onAgree}>
      <h2 id="consent-title">${m.consentTitle}</h2>
      <p>${m.consentIntro}</p>
      ${noticeView(p)}
      <fieldset>
        <legend>${m.consentChoicesLegend}</legend>
        <label><input type="checkbox" name="recording" /> <span>${m.consentRecording}</span></label>
        <label><input type="checkbox" name="aiEvaluation" /> <span>${m.consentAiEvaluation}</span></label>
        <label><input type="checkbox" name="productImprovement" /> <span>${m.consentProductImprovement}</span></label>
        <label><input type="checkbox" name="ageConfirmed" /> <span>${m.consentAge(p.minimumAge)}</span></label>
      </fieldset>
      ${p.showHint ? html`<p class="hint" role="alert">${m.consentRequiredHint}</p>` : nothing}
      <div class="actions">
        <button type="submit" name="agree" part="button agree" ?disabled=${p.busy}>${m.consentAgree}</button>
        <button type="button" name="decline" part="button decline" ?disabled=${p.busy} @click=${p.onDecline}>
          ${m.consentDecline}
        </button>
        <button type="button" name="alternative" part="button alternative" ?disabled=${p.busy} @click=${p.onAlternative}>
          ${m.consentAlternative}
        </button>
      </div>
    </form>
  `;
}
