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
  /** Answers committed so far, and overall progress 0..1. */
  committed: number;
  overall: number;
  audioOnly: boolean;
  /** `file`: no MediaRecorder, answer by uploading a video from the camera app. */
  captureMode: 'recorder' | 'file';
  stream: MediaStream | null;
  elapsedSeconds: number;
  progress: UploadProgress | null;
  onRecord: () => void;
  onStop: () => void;
  onFile: (event: Event) => void;
}

/** The live, muted, mirrored camera preview (shared with the device check). */
export const previewVideo = (m: CandidMessages, stream: MediaStream | null): TemplateResult =>
  html`<video part="preview" aria-label=${m.previewLabel} muted playsinline autoplay .muted=${true} .srcObject=${stream}></video>`;

/** Bytes uploaded of the take being saved. */
export const uploadProgress = (m: CandidMessages, p: UploadProgress | null): TemplateResult | typeof nothing =>
  p && p.bytesRecorded > 0
    ? html`<p class="meta" part="upload-progress">
        <progress max=${p.bytesRecorded} .value=${p.bytesSent}></progress> ${m.uploadProgress(p.bytesSent, p.bytesRecorded)}
      </p>`
    : nothing;

/** Prompt, live preview and the Record/Stop button (one element, so focus survives the switch). */
export function questionView(p: QuestionViewProps): TemplateResult {
  const { m, phase, question } = p;
  const recording = phase === 'recording';
  const finishing = phase === 'finishing';
  const limit = question?.answerSeconds ?? null;
  return html`
    <section part="question" aria-labelledby="prompt">
      <p class="meta" part="overall">
        <progress aria-label=${m.overallProgressLabel} max="1" .value=${p.overall}></progress>
        ${m.overallProgress(p.committed, p.total)}
      </p>
      ${question ? html`<p class="meta" part="counter">${m.questionOf(p.index, p.total)}</p>` : nothing}
      <p class="prompt" part="prompt" id="prompt">${question?.prompt ?? ''}</p>
      ${p.captureMode === 'recorder' && !p.audioOnly ? previewVideo(m, p.stream) : nothing}
      ${recording && question
        ? html`<p class="meta" part="timer">${m.recordingTime(p.elapsedSeconds, limit)}</p>`
        : question && !finishing
          ? html`<p class="meta">${m.answerLimit(limit)}</p>`
          : nothing}
      ${finishing ? html`<p part="saving">${question ? m.savingAnswer : m.submitting}</p>` : nothing}
      ${recording || finishing ? uploadProgress(m, p.progress) : nothing}
      ${p.captureMode === 'file'
        ? html`<p>${m.fileIntro}</p>
            <label class="field"
              ><span>${m.fileChoose}</span>
              <input type="file" name="file" part="file" accept="video/*" capture="user" ?disabled=${phase !== 'ready' || !question} @change=${p.onFile}
            /></label>`
        : html`<div class="actions">
            <button
              type="button"
              name=${recording ? 'stop' : 'record'}
              part=${recording ? 'button stop' : 'button record'}
              ?disabled=${!(recording || phase === 'ready') || !question}
              @click=${recording ? p.onStop : p.onRecord}
            >
              ${recording ? m.stop : m.record}
            </button>
          </div>`}
    </section>
  `;
}
