import { html, nothing, type TemplateResult } from 'lit';
import type { Ask } from '../flow/requests.js';
import type { CandidMessages } from '../lang/en.js';
import type { InterruptedTake, InterruptionReason, UploadProgress } from '../store/state.js';
import { uploadProgress } from '../views/upload-progress.js';

/**
 * MediaRecorder's webm files carry no duration: a player shows 0:00 (or ∞) and cannot seek. Asking
 * for a position far past the end makes the browser scan the file and learn its real duration;
 * then playback goes back to the start. mp4 (Safari) already knows its duration.
 */
function learnDuration(event: Event): void {
  const video = event.currentTarget as HTMLMediaElement;
  if (Number.isFinite(video.duration) && video.duration > 0) return;
  const settle = (): void => {
    if (!Number.isFinite(video.duration)) return;
    video.removeEventListener('durationchange', settle);
    video.removeEventListener('timeupdate', settle);
    video.currentTime = 0;
  };
  video.addEventListener('durationchange', settle);
  video.addEventListener('timeupdate', settle);
  video.currentTime = Number.MAX_SAFE_INTEGER;
}

/** The recorded take played back from a local `blob:` URL (nothing when there is none), with its real duration. */
export function takePlayback(m: CandidMessages, playbackUrl: string | null, audioOnly: boolean): TemplateResult | typeof nothing {
  if (!playbackUrl) return nothing;
  return audioOnly
    ? html`<audio part="playback" controls preload="metadata" src=${playbackUrl} aria-label=${m.reviewPlaybackLabel} @loadedmetadata=${learnDuration}></audio>`
    : html`<video part="playback" controls playsinline preload="metadata" src=${playbackUrl} aria-label=${m.reviewPlaybackLabel} @loadedmetadata=${learnDuration}></video>`;
}

export interface ReviewViewProps {
  m: CandidMessages;
  practicing: boolean;
  playbackUrl: string | null;
  /** Length of the take, as recorded. */
  durationMs: number;
  audioOnly: boolean;
  retakesLeft: number;
  /** Why the take was cut short (null: stopped by the candidate or the time limit). */
  interruption: InterruptionReason | null;
  /** Recording again uses no retake (the take was cut short). */
  freeRerecord: boolean;
  progress: UploadProgress | null;
  ask: Ask;
}

/**
 * Watch the take; submit it (it is already uploaded), or record again while retakes remain (a take
 * cut short by an interruption: always, without using one). Practice takes are never sent.
 */
export function reviewView(p: ReviewViewProps): TemplateResult {
  const { m, ask } = p;
  return html`
    <section part="review" aria-labelledby="review-title">
      <h2 id="review-title" tabindex="-1">${m.reviewTitle}</h2>
      ${p.practicing ? html`<p class="meta" part="practice-label">${m.practiceLabel}</p>` : nothing}
      ${p.interruption ? html`<p class="banner" part="interruption-notice" role="status">${m.interruptedNotice(p.interruption)}</p>` : nothing}
      ${takePlayback(m, p.playbackUrl, p.audioOnly)}
      <p class="meta">${m.reviewLength(Math.round(p.durationMs / 1000))}</p>
      ${p.practicing || p.freeRerecord ? nothing : html`<p>${m.reviewRetakesLeft(p.retakesLeft)}</p>`}
      ${p.practicing ? nothing : uploadProgress(m, p.progress)}
      <div class="actions">
        ${p.practicing
          ? html`<button type="button" name="start" part="button primary start" class="primary" @click=${() => ask({ type: 'begin', practice: false })}>${m.practiceDone}</button>
              <button type="button" name="retake" part="button retake" @click=${() => ask({ type: 'retake' })}>${m.practiceAgain}</button>`
          : html`<button type="button" name="submit" part="button primary submit" class="primary" @click=${() => ask({ type: 'submit' })}>${m.submitAnswer}</button>
              ${p.freeRerecord || p.retakesLeft > 0
                ? html`<button type="button" name="retake" part="button retake" @click=${() => ask({ type: 'retake' })}>${p.freeRerecord ? m.recordAgainFree : m.recordAgain}</button>`
                : nothing}`}
      </div>
    </section>
  `;
}

export interface InterruptedViewProps {
  m: CandidMessages;
  take: InterruptedTake;
  busy: boolean;
  /** The journaled recording on this device, to watch before deciding (null: none kept here). */
  playbackUrl: string | null;
  audioOnly: boolean;
  ask: Ask;
}

/**
 * A take an earlier visit left unfinished, already uploaded: cut mid-recording, or stopped but not
 * yet submitted (the page went away during its review). Keep it, or record again if retakes remain.
 */
export function interruptedView(p: InterruptedViewProps): TemplateResult {
  const { m, take, busy, ask } = p;
  const seconds = take.durationMs / 1000;
  return html`
    <section part="interrupted" aria-labelledby="interrupted-title">
      <h2 id="interrupted-title">${take.unsubmitted ? m.unsubmittedTitle : m.interruptedTitle}</h2>
      <p>${take.unsubmitted ? m.unsubmittedBody(seconds) : m.interruptedBody(seconds)}</p>
      ${takePlayback(m, p.playbackUrl, p.audioOnly)}
      <p>${take.canRetake ? (take.unsubmitted ? m.unsubmittedChoice : m.interruptedChoice) : take.unsubmitted ? m.unsubmittedNoRetake : m.interruptedNoRetake}</p>
      <div class="actions">
        <button type="button" name="keep" part="button primary keep" class="primary" ?disabled=${busy} @click=${() => ask({ type: 'keep' })}>
          ${take.unsubmitted ? m.submitAnswer : m.keepRecording}
        </button>
        ${take.canRetake
          ? html`<button type="button" name="retake" part="button retake" ?disabled=${busy} @click=${() => ask({ type: 'record-again' })}>${m.recordAgain}</button>`
          : nothing}
      </div>
    </section>
  `;
}
