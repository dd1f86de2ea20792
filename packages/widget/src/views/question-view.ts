import { html, nothing, type TemplateResult } from 'lit';
import type { Question } from '../api/types.js';
import type { CandidMessages } from '../lang/en.js';
import type { Phase, UploadProgress } from '../store/interview-store.js';

export interface QuestionViewProps {
  m: CandidMessages;
  phase: Phase;
  question: Question | null;
  index: number;
  total: number;
  stream: MediaStream | null;
  elapsedSeconds: number;
  progress: UploadProgress | null;
  onRecord: () => void;
  onStop: () => void;
}

/** Prompt, live preview and the Record/Stop button (one element, so focus survives the switch). */
export function questionView(p: QuestionViewProps): TemplateResult {
  const { m, phase, question } = p;
  const recording = phase === 'recording';
  const finishing = phase === 'finishing';
  return html`
    <section part="question" aria-labelledby="prompt">
      ${question ? html`<p class="meta" part="counter">${m.questionOf(p.index, p.total)}</p>` : nothing}
      <p class="prompt" part="prompt" id="prompt">${question?.prompt ?? ''}</p>
      <video
        part="preview"
        aria-label=${m.previewLabel}
        muted
        playsinline
        autoplay
        .muted=${true}
        .srcObject=${p.stream}
      ></video>
      ${recording && question
        ? html`<p class="meta" part="timer">${m.recordingTime(p.elapsedSeconds, question.answerSeconds)}</p>`
        : question && !finishing
          ? html`<p class="meta">${m.answerLimit(question.answerSeconds)}</p>`
          : nothing}
      ${finishing
        ? html`<p part="saving">${question ? m.savingAnswer : m.submitting}</p>
            ${p.progress && p.progress.bytesRecorded > 0
              ? html`<progress max=${p.progress.bytesRecorded} value=${p.progress.bytesSent}></progress>`
              : nothing}`
        : nothing}
      <div class="actions">
        <button
          type="button"
          name=${recording ? 'stop' : 'record'}
          part=${recording ? 'button stop' : 'button record'}
          ?disabled=${!(recording || phase === 'ready') || !question}
          @click=${recording ? p.onStop : p.onRecord}
        >
          ${recording ? m.stop : m.record}
        </button>
      </div>
    </section>
  `;
}
