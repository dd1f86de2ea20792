import { html, nothing, type TemplateResult } from 'lit';
import type { CandidMessages } from '../lang/en.js';
import type { InterruptedTake, UploadProgress } from '../store/interview-store.js';
import { uploadProgress } from './question-view.js';

/** Finishing what an earlier visit left in the journal. */
export const resumingView = (m: CandidMessages, progress: UploadProgress | null): TemplateResult => html`
  <section part="resuming" aria-busy="true">
    <h2>${m.resumingTitle}</h2>
    <p>${m.resumingBody}</p>
    ${uploadProgress(m, progress)}
  </section>
`;

/** A take cut mid-recording, already uploaded: keep it, or record again if retakes remain. */
export function interruptedView(
  m: CandidMessages,
  take: InterruptedTake,
  busy: boolean,
  onKeep: () => void,
  onRetake: () => void,
): TemplateResult {
  return html`
    <section part="interrupted" aria-labelledby="interrupted-title">
      <h2 id="interrupted-title">${m.interruptedTitle}</h2>
      <p>${m.interruptedBody(take.durationMs / 1000)}</p>
      <p>${take.canRetake ? m.interruptedChoice : m.interruptedNoRetake}</p>
      <div class="actions">
        <button type="button" name="keep" part="button keep" ?disabled=${busy} @click=${onKeep}>${m.keepRecording}</button>
        ${take.canRetake
          ? html`<button type="button" name="retake" part="button retake" ?disabled=${busy} @click=${onRetake}>${m.recordAgain}</button>`
          : nothing}
      </div>
    </section>
  `;
}
