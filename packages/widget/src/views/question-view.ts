import { html, nothing, type TemplateResult } from 'lit';
import type { Question } from '../api/types.js';
import type { CandidMessages } from '../lang/en.js';
import { promptVideo, type HlsLoader } from '../media/prompt-video.js';
import type { AnswerTimer, Phase, UploadProgress } from '../store/interview-store.js';

/** Seconds before the limit from which the time warning (and the extension) is shown. */
export const TIME_WARNING_SECONDS = 20;

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
  /** Seconds of think time left (null: no countdown). */
  thinkSecondsLeft: number | null;
  timer: AnswerTimer | null;
  practicing: boolean;
  lang: string;
  loadHls: HlsLoader;
  progress: UploadProgress | null;
  /** Optional extra content (e.g. the "we can't hear you" nudge) under the timer. */
  extra?: TemplateResult | typeof nothing;
  onRecord: () => void;
  onStop: () => void;
  onExtend: () => void;
  onFile: (event: Event) => void;
}

/** Remaining (or elapsed, without a limit) time, the warning and the one-key extension. */
function timerView(p: QuestionViewProps): TemplateResult {
  const { m, timer } = p;
  if (!timer || timer.limitMs === null) {
    return html`<p class="meta" part="timer" data-kind="elapsed">${m.timeElapsed(p.elapsedSeconds)} · ${m.noTimeLimit}</p>`;
  }
  const left = Math.max(0, Math.ceil(timer.limitMs / 1000 - p.elapsedSeconds));
  const warn = left <= TIME_WARNING_SECONDS;
  return html`<p class="meta" part="timer" data-kind="remaining" data-warning=${warn ? 'true' : 'false'}>${m.timeLeft(left)}</p>
    ${warn
      ? html`<div class="warning" part="time-warning">
          <p>${m.timeWarning(left)}${timer.canExtend ? html` <span class="sr-hint">${m.moreTimeKey}</span>` : nothing}</p>
          ${timer.canExtend
            ? html`<button type="button" name="extend" part="button extend" aria-keyshortcuts="+" @click=${p.onExtend}>${m.moreTime}</button>`
            : nothing}
        </div>`
      : nothing}`;
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

/**
 * Prompt (text, plus its video with captions if set), think-time countdown, live preview, time
 * left, and the Record/Stop button (one element, so focus survives the switch).
 */
export function questionView(p: QuestionViewProps): TemplateResult {
  const { m, phase, question } = p;
  const recording = phase === 'recording';
  const finishing = phase === 'finishing';
  const limit = question?.answerSeconds ?? null;
  return html`
    <section part="question" aria-labelledby="prompt">
      ${p.practicing
        ? html`<p class="meta" part="practice-label">${m.practiceLabel}</p>`
        : html`<p class="meta" part="overall">
              <progress aria-label=${m.overallProgressLabel} max="1" .value=${p.overall}></progress>
              ${m.overallProgress(p.committed, p.total)}
            </p>
            ${question ? html`<p class="meta" part="counter">${m.questionOf(p.index, p.total)}</p>` : nothing}`}
      <p class="prompt" part="prompt" id="prompt" tabindex="-1">${question?.prompt ?? ''}</p>
      ${question && !recording ? promptVideo(question.promptVideoUrl ?? null, question.captionsUrl ?? null, m.promptVideoLabel, p.lang, p.loadHls) : nothing}
      ${p.captureMode === 'recorder' && !p.audioOnly ? previewVideo(m, p.stream) : nothing}
      ${recording && question
        ? timerView(p)
        : question && !finishing
          ? html`<p class="meta">${m.answerLimit(limit)}</p>
              ${p.thinkSecondsLeft !== null ? html`<p class="meta" part="think">${m.thinkTime(p.thinkSecondsLeft)}</p>` : nothing}`
          : nothing}
      ${p.extra ?? nothing}
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
              ${recording ? m.stop : p.thinkSecondsLeft !== null ? m.startNow : m.record}
            </button>
          </div>`}
    </section>
  `;
}
