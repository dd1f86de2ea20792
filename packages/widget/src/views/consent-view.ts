import { html, nothing, type TemplateResult } from 'lit';
import type { Employer } from '../api/types.js';
import type { Ask } from '../flow/requests.js';
import type { CandidMessages } from '../lang/en.js';
import type { InterviewSummary } from '../store/selectors.js';

export interface ConsentViewProps {
  m: CandidMessages;
  employer: Employer | null;
  role: string;
  summary: InterviewSummary;
  /** The rendered privacy notice (a lazily loaded screen; null while it loads). */
  notice: TemplateResult | typeof nothing | null;
  /** Ask for AI evaluation (false: no AI runs for this interview, so no box). */
  askAiEvaluation: boolean;
  busy: boolean;
  showHint: boolean;
  minimumAge: number;
  ask: Ask;
}

/** The three facts a candidate needs before anything else: how many questions, how long, and how it works. */
function summaryList(m: CandidMessages, s: InterviewSummary): TemplateResult {
  return html`<ul class="summary" part="summary">
    <li>${m.summaryQuestions(s.questions)}</li>
    <li>${m.summaryMinutes(s.minutes)}</li>
    <li>${m.summaryThink(s.thinkSeconds)}</li>
    <li>${m.summaryRetakes(s.retakes)}</li>
  </ul>`;
}

/**
 * Welcome and consent: who is asking for which role, the summary, the notice (safe Markdown, never
 * HTML), separate unticked purpose boxes, the age confirmation; "I agree" is the one primary
 * action (sticky on phones), "Decline" and "Ask for another format" are quieter.
 */
export function consentView(p: ConsentViewProps): TemplateResult {
  const { m, ask } = p;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    ask({ type: 'consent', accepted: true, form: event.currentTarget as HTMLFormElement });
  };
  const decline = (event: MouseEvent) => {
    const form = (event.currentTarget as HTMLButtonElement).form;
    if (form) ask({ type: 'consent', accepted: false, form });
  };
  return html`
    <form part="consent" novalidate aria-labelledby="welcome-title" @submit=${submit}>
      <h2 id="welcome-title">${m.welcomeTitle(p.employer?.name ?? null, p.role)}</h2>
      ${summaryList(m, p.summary)}
      <h3 id="consent-title">${m.consentTitle}</h3>
      <p>${m.consentIntro}</p>
      ${p.notice ?? html`<p class="meta" aria-busy="true">${m.loading}</p>`}
      <fieldset>
        <legend>${m.consentChoicesLegend}</legend>
        <label><input type="checkbox" name="recording" /> <span>${m.consentRecording}</span></label>
        ${p.askAiEvaluation ? html`<label><input type="checkbox" name="aiEvaluation" /> <span>${m.consentAiEvaluation}</span></label>` : nothing}
        <label><input type="checkbox" name="productImprovement" /> <span>${m.consentProductImprovement}</span></label>
        <label><input type="checkbox" name="ageConfirmed" /> <span>${m.consentAge(p.minimumAge)}</span></label>
      </fieldset>
      ${p.showHint ? html`<p class="hint" role="alert">${m.consentRequiredHint}</p>` : nothing}
      <div class="actions sticky-actions">
        <button type="submit" name="agree" part="button primary agree" class="primary" ?disabled=${p.busy || p.notice === null}>${m.consentAgree}</button>
        <button type="button" name="decline" part="button decline" ?disabled=${p.busy} @click=${decline}>${m.consentDecline}</button>
        <button type="button" name="alternative" part="button alternative" class="link" ?disabled=${p.busy} @click=${() => ask({ type: 'open-panel', panel: 'request' })}>
          ${m.consentAlternative}
        </button>
      </div>
    </form>
  `;
}
