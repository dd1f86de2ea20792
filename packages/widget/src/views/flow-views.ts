import { html, nothing, type TemplateResult } from 'lit';
import type { CandidMessages } from '../lang/en.js';
import { promptVideo, type HlsLoader } from '../media/prompt-video.js';
import type { UploadProgress } from '../store/interview-store.js';
import { uploadProgress } from './question-view.js';

export interface IntroViewProps {
  m: CandidMessages;
  lang: string;
  questionCount: number;
  answered: number;
  hasPractice: boolean;
  introVideoUrl: string | null;
  introCaptionsUrl: string | null;
  loadHls: HlsLoader;
  onPractice: () => void;
  onStart: () => void;
  onRequest: () => void;
}

/** What to expect, the optional welcome video, practice or start. */
export function introView(p: IntroViewProps): TemplateResult {
  const { m } = p;
  return html`
    <section part="intro" aria-labelledby="intro-title">
      <h2 id="intro-title" tabindex="-1">${m.introTitle}</h2>
      ${promptVideo(p.introVideoUrl, p.introCaptionsUrl, m.introVideoLabel, p.lang, p.loadHls)}
      <p>${p.answered > 0 ? m.introResume(p.answered, p.questionCount) : m.introBody(p.questionCount)}</p>
      <p>${m.introReview}</p>
      <div class="actions">
        <button type="button" name="start" part="button start" @click=${p.onStart}>${m.startInterview}</button>
        ${p.hasPractice && p.answered === 0
          ? html`<button type="button" name="practice" part="button practice" @click=${p.onPractice}>${m.practiceStart}</button>`
          : nothing}
        <button type="button" name="request" part="button request" @click=${p.onRequest}>${m.requestOpen}</button>
      </div>
    </section>
  `;
}

export interface ReviewViewProps {
  m: CandidMessages;
  practicing: boolean;
  /** Object URL of the recorded take (local, never re-downloaded). */
  playbackUrl: string | null;
  audioOnly: boolean;
  retakesLeft: number;
  progress: UploadProgress | null;
  onSubmit: () => void;
  onRetake: () => void;
  onEndPractice: () => void;
}

/** Watch the take; submit it, or record again while retakes remain. Practice takes are never sent. */
/** The recorded take played back from a local `blob:` URL (nothing when there is none). */
export function takePlayback(m: CandidMessages, playbackUrl: string | null, audioOnly: boolean): TemplateResult | typeof nothing {
  if (!playbackUrl) return nothing;
  return audioOnly
    ? html`<audio part="playback" controls src=${playbackUrl} aria-label=${m.reviewPlaybackLabel}></audio>`
    : html`<video part="playback" controls playsinline src=${playbackUrl} aria-label=${m.reviewPlaybackLabel}></video>`;
}

export function reviewView(p: ReviewViewProps): TemplateResult {
  const { m } = p;
  const media = takePlayback(m, p.playbackUrl, p.audioOnly);
  return html`
    <section part="review" aria-labelledby="review-title">
      <h2 id="review-title" tabindex="-1">${m.reviewTitle}</h2>
      ${p.practicing ? html`<p class="meta" part="practice-label">${m.practiceLabel}</p>` : nothing}
      ${media}
      ${p.practicing ? nothing : html`<p>${m.reviewRetakesLeft(p.retakesLeft)}</p>${uploadProgress(m, p.progress)}`}
      <div class="actions">
        ${p.practicing
          ? html`<button type="button" name="start" part="button start" @click=${p.onEndPractice}>${m.practiceDone}</button>
              <button type="button" name="retake" part="button retake" @click=${p.onRetake}>${m.practiceAgain}</button>`
          : html`<button type="button" name="submit" part="button submit" @click=${p.onSubmit}>${m.submitAnswer}</button>
              ${p.retakesLeft > 0 ? html`<button type="button" name="retake" part="button retake" @click=${p.onRetake}>${m.recordAgain}</button>` : nothing}`}
      </div>
    </section>
  `;
}

export interface RequestPanelProps {
  m: CandidMessages;
  busy: boolean;
  sent: boolean;
  onSubmit: (event: SubmitEvent) => void;
  onCancel: () => void;
}

/** Asking the employer for an accommodation, another format, or a human-only evaluation. */
export function requestPanel(p: RequestPanelProps): TemplateResult {
  const { m } = p;
  if (p.sent) return html`<p part="request-sent" role="status">${m.requestSent}</p>`;
  return html`
    <form part="request" aria-labelledby="request-title" @submit=${p.onSubmit}>
      <h3 id="request-title" tabindex="-1">${m.requestTitle}</h3>
      <label class="field"
        ><span>${m.requestType}</span>
        <select name="type" part="select request-type">
          ${Object.entries(m.requestTypes).map(([value, label]) => html`<option value=${value}>${label}</option>`)}
        </select></label
      >
      <label class="field"><span>${m.requestMessage}</span><textarea name="message" maxlength="2000" rows="3"></textarea></label>
      <div class="actions">
        <button type="submit" name="send-request" part="button send-request" ?disabled=${p.busy}>${m.requestSend}</button>
        <button type="button" name="cancel-request" part="button cancel-request" @click=${p.onCancel}>${m.requestCancel}</button>
      </div>
    </form>
  `;
}

export interface WithdrawPanelProps {
  m: CandidMessages;
  confirming: boolean;
  busy: boolean;
  onOpen: () => void;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Withdrawal of consent, reachable from every screen once consent was given: one button, one confirmation. */
export function withdrawPanel(p: WithdrawPanelProps): TemplateResult {
  const { m } = p;
  if (!p.confirming) {
    return html`<div class="footer" part="footer">
      <button type="button" name="withdraw" part="button withdraw" class="link" @click=${p.onOpen}>${m.withdrawOpen}</button>
    </div>`;
  }
  return html`<div part="withdraw-confirm" role="alertdialog" aria-labelledby="withdraw-title" aria-describedby="withdraw-body" class="confirm">
    <h3 id="withdraw-title" tabindex="-1">${m.withdrawConfirmTitle}</h3>
    <p id="withdraw-body">${m.withdrawConfirmBody}</p>
    <div class="actions">
      <button type="button" name="withdraw-confirm" part="button withdraw-confirm" ?disabled=${p.busy} @click=${p.onConfirm}>${m.withdrawConfirm}</button>
      <button type="button" name="withdraw-cancel" part="button withdraw-cancel" @click=${p.onCancel}>${m.withdrawCancel}</button>
    </div>
  </div>`;
}

export const withdrawnView = (m: CandidMessages): TemplateResult =>
  html`<section part="withdrawn"><h2 tabindex="-1">${m.withdrawnTitle}</h2><p>${m.withdrawnBody}</p></section>`;
