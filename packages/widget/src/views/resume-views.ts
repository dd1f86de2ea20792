import { html, nothing, type TemplateResult } from 'lit';
import type { CandidMessages } from '../lang/en.js';
import type { InterruptedTake, UploadProgress } from '../store/interview-store.js';
import { takePlayback } from './flow-views.js';
import { uploadProgress } from './question-view.js';

/** Finishing what an earlier visit left in the journal. */
export const resumingView = (m: CandidMessages, progress: UploadProgress | null): TemplateResult => html`
  <section part="resuming" aria-busy="true">
    <h2>${m.resumingTitle}</h2>
    <p>${m.resumingBody}</p>
    ${uploadProgress(m, progress)}
  </section>
`;

export interface InterruptedViewProps {
  m: CandidMessages;
  take: InterruptedTake;
  busy: boolean;
  /** The journaled recording on this device, to watch before deciding (null: none kept here). */
  playbackUrl: string | null;
  audioOnly: boolean;
  onKeep: () => void;
  onRetake: () => void;
}

/**
 * A take an earlier visit left unfinished, already uploaded: cut mid-recording, or stopped but not
 * yet submitted (the page went away during its review). Keep it, or record again if retakes remain.
 */
export function interruptedView(p: InterruptedViewProps): TemplateResult {
  const { m, take, busy } = p;
  const seconds = take.durationMs / 1000;
  const playback = takePlayback(m, p.playbackUrl, p.audioOnly);
  return html`
    <section part="interrupted" aria-labelledby="interrupted-title">
      <h2 id="interrupted-title">${take.unsubmitted ? m.unsubmittedTitle : m.interruptedTitle}</h2>
      <p>${take.unsubmitted ? m.unsubmittedBody(seconds) : m.interruptedBody(seconds)}</p>
      ${playback}
      <p>${take.canRetake ? (take.unsubmitted ? m.unsubmittedChoice : m.interruptedChoice) : take.unsubmitted ? m.unsubmittedNoRetake : m.interruptedNoRetake}</p>
      <div class="actions">
        <button type="button" name="keep" part="button keep" ?disabled=${busy} @click=${p.onKeep}>${take.unsubmitted ? m.submitAnswer : m.keepRecording}</button>
        ${take.canRetake
          ? html`<button type="button" name="retake" part="button retake" ?disabled=${busy} @click=${p.onRetake}>${m.recordAgain}</button>`
          : nothing}
      </div>
    </section>
  `;
}
