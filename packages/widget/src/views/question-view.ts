import { html, nothing, type TemplateResult } from 'lit';
import type { Question } from '../api/types.js';
import type { Ask } from '../flow/requests.js';
import { cssVars } from '../internal/directives.js';
import type { CandidMessages } from '../lang/en.js';
import { promptVideo, type HlsLoader } from '../media/prompt-video.js';
import type { Phase, UploadProgress } from '../store/state.js';
import { stageView, type StageViewProps } from './stage-view.js';
import { uploadProgress } from './upload-progress.js';

export interface QuestionViewProps extends Omit<StageViewProps, 'prompt' | 'thinking' | 'canAct'> {
  question: Question | null;
  /** `file`: no MediaRecorder, answer by uploading a video from the camera app. */
  captureMode: 'recorder' | 'file';
  /** Seconds of think time left (null: no countdown), and the think time in all. */
  thinkLeft: number | null;
  thinkSeconds: number;
  practicing: boolean;
  lang: string;
  loadHls: HlsLoader;
  progress: UploadProgress | null;
  /** Optional extra content (e.g. the "we can't hear you" nudge) under the stage. */
  extra?: TemplateResult | typeof nothing;
}

/** Think time as a ring with the seconds inside, and what happens when it ends. */
function thinkView(m: CandidMessages, left: number, total: number): TemplateResult {
  return html`<div class="think">
    <span class="ring" aria-hidden="true" ${cssVars({ '--_share': total > 0 ? (left / total).toFixed(4) : '0' })}>${left}</span>
    <p part="think">${m.thinkTime(left)}</p>
  </div>`;
}

function fileCapture(m: CandidMessages, phase: Phase, question: Question | null, ask: Ask): TemplateResult {
  return html`<p>${m.fileIntro}</p>
    <label class="field"
      ><span>${m.fileChoose}</span>
      <input
        type="file"
        name="file"
        part="file"
        accept="video/*"
        capture="user"
        ?disabled=${phase !== 'ready' || !question}
        @change=${(event: Event) => {
          const file = (event.target as HTMLInputElement).files?.[0];
          if (file) ask({ type: 'file', file });
        }}
    /></label>`;
}

/**
 * A question: the prompt in large type (and its video, with captions), the think-time countdown,
 * then the stage with the preview and Record/Stop; "Saving your answer" once it is submitted.
 */
export function questionView(p: QuestionViewProps): TemplateResult {
  const { m, phase, question } = p;
  const recording = phase === 'recording';
  const finishing = phase === 'finishing';
  return html`
    <section part="question" aria-labelledby="prompt" data-phase=${phase}>
      ${p.practicing ? html`<p class="meta" part="practice-label">${m.practiceLabel}</p>` : nothing}
      <p class="prompt" part="prompt" id="prompt" tabindex="-1">${question?.prompt ?? ''}</p>
      ${question && !recording ? promptVideo(question.promptVideoUrl ?? null, question.captionsUrl ?? null, m.promptVideoLabel, p.lang, p.loadHls) : nothing}
      ${question && phase === 'ready'
        ? html`${p.thinkLeft !== null ? thinkView(m, p.thinkLeft, p.thinkSeconds) : nothing}
            <p class="meta">${m.answerLimit(question.answerSeconds)}</p>`
        : nothing}
      ${p.captureMode === 'file'
        ? fileCapture(m, phase, question, p.ask)
        : stageView({ ...p, prompt: question?.prompt ?? '', thinking: p.thinkLeft !== null, canAct: Boolean(question) && (recording || phase === 'ready') })}
      ${p.extra ?? nothing}
      ${finishing ? html`<p part="saving">${question ? m.savingAnswer : m.submitting}</p>${uploadProgress(m, p.progress)}` : nothing}
    </section>
  `;
}
