import { html, nothing, type TemplateResult } from 'lit';
import type { Ask } from '../flow/requests.js';
import { cssVars, streamSource } from '../internal/directives.js';
import type { CandidMessages } from '../lang/en.js';
import type { Phase } from '../store/state.js';

/** The live, muted, mirrored camera preview (shared with the device check); its stream is set once. */
export const previewVideo = (m: CandidMessages, stream: MediaStream | null): TemplateResult =>
  html`<video part="preview" aria-label=${m.previewLabel} muted playsinline autoplay .muted=${true} ${streamSource(stream)}></video>`;

export interface StageViewProps {
  m: CandidMessages;
  phase: Phase;
  prompt: string;
  audioOnly: boolean;
  stream: MediaStream | null;
  /** Seconds since recording started. */
  elapsed: number;
  /** Seconds left of a limited answer (null: no limit). */
  left: number | null;
  /** The limit in seconds (null: none). */
  limit: number | null;
  warning: boolean;
  canExtend: boolean;
  /** 3, 2, 1 in the last seconds of think time (null: no cue). */
  cue: number | null;
  thinking: boolean;
  /** The record/stop button may be used (a question is on screen, nothing in flight). */
  canAct: boolean;
  ask: Ask;
}

/** Remaining (or elapsed, without a limit) time: a pill over the preview. */
function timerPill(p: StageViewProps): TemplateResult {
  const { m } = p;
  if (p.left === null) {
    return html`<span class="pill" part="timer" data-kind="elapsed">${m.timeElapsed(p.elapsed)} · ${m.noTimeLimit}</span>`;
  }
  return html`<span class="pill" part="timer" data-kind="remaining" data-warning=${p.warning ? 'true' : 'false'}>${m.timeLeft(p.left)}</span>`;
}

/** The last seconds: the warning, and "More time" when the interview allows it (also the "+" key). */
function warningView(p: StageViewProps): TemplateResult {
  const { m } = p;
  return html`<div class="warning" part="time-warning">
    <p class="warning">${m.timeWarning(p.left ?? 0)}${p.canExtend ? html` <span class="sr-only">${m.moreTimeKey}</span>` : nothing}</p>
    ${p.canExtend
      ? html`<div class="stage-actions">
          <button type="button" name="extend" part="button extend" aria-keyshortcuts="+" @click=${() => p.ask({ type: 'extend' })}>${m.moreTime}</button>
        </div>`
      : nothing}
  </div>`;
}

/**
 * The camera preview as the hero, with what recording needs on top of it: REC and the elapsed
 * time, the time left (turning urgent near the end), the 3-2-1 cue before recording starts by
 * itself, and Record/Stop — one element, so keyboard focus survives the switch, and inside the
 * preview so it is on screen whenever the preview is. Full screen on phones while recording.
 */
export function stageView(p: StageViewProps): TemplateResult {
  const { m } = p;
  const recording = p.phase === 'recording';
  const share = p.left !== null && p.limit ? p.left / p.limit : 1;
  return html`<div
    class="stage"
    part="stage"
    data-recording=${recording ? 'true' : 'false'}
    data-fullscreen=${recording ? 'true' : 'false'}
    data-warning=${p.warning ? 'true' : 'false'}
    data-audio-only=${p.audioOnly ? 'true' : 'false'}
  >
    ${p.audioOnly ? html`<p class="audio-only">${m.audioOnlyStage}</p>` : previewVideo(m, p.stream)}
    ${recording
      ? html`<div class="overlay top">
          <span class="pill" part="rec"><span class="rec-dot" aria-hidden="true"></span>${m.recLabel} ${m.clock(p.elapsed)}</span>
          <details class="stage-question" open>
            <summary>${m.questionLabel}</summary>
            ${p.prompt}
          </details>
          ${timerPill(p)}
        </div>`
      : nothing}
    ${p.cue !== null ? html`<div class="cue" part="cue" aria-hidden="true">${p.cue}</div>` : nothing}
    <div class="overlay bottom">
      ${recording && p.left !== null ? html`<div class="bar" aria-hidden="true"><span ${cssVars({ '--_share': share.toFixed(4) })}></span></div>` : nothing}
      ${recording && p.warning ? warningView(p) : nothing}
      <div class="stage-actions">
        <button
          type="button"
          name=${recording ? 'stop' : 'record'}
          part=${recording ? 'button stop' : 'button primary record'}
          class=${recording ? 'danger' : 'primary'}
          ?disabled=${!p.canAct}
          @click=${() => p.ask({ type: recording ? 'stop' : 'record' })}
        >
          ${recording ? m.stop : p.thinking ? m.startNow : m.record}
        </button>
      </div>
    </div>
  </div>`;
}
