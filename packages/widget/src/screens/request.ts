import { html, type TemplateResult } from 'lit';
import type { Ask } from '../flow/requests.js';
import type { CandidMessages } from '../lang/en.js';

export interface RequestPanelProps {
  m: CandidMessages;
  busy: boolean;
  ask: Ask;
}

/** Asking the employer for an accommodation, another format, or a human-only evaluation (sent: a note on the screen says so). */
export function requestPanel(p: RequestPanelProps): TemplateResult {
  const { m, ask } = p;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    ask({ type: 'send-request', form: event.currentTarget as HTMLFormElement });
  };
  return html`
    <form class="panel" part="request" aria-labelledby="request-title" @submit=${submit}>
      <h3 id="request-title" tabindex="-1">${m.requestTitle}</h3>
      <label class="field"
        ><span>${m.requestType}</span>
        <select name="type" part="select request-type">
          ${Object.entries(m.requestTypes).map(([value, label]) => html`<option value=${value}>${label}</option>`)}
        </select></label
      >
      <label class="field"><span>${m.requestMessage}</span><textarea name="message" maxlength="2000" rows="3"></textarea></label>
      <div class="actions">
        <button type="submit" name="send-request" part="button primary send-request" class="primary" ?disabled=${p.busy}>${m.requestSend}</button>
        <button type="button" name="cancel-request" part="button cancel-request" @click=${() => ask({ type: 'close-panel' })}>${m.requestCancel}</button>
      </div>
    </form>
  `;
}
