import { html, nothing, type TemplateResult } from 'lit';
import type { Ask } from '../flow/requests.js';
import type { CandidMessages } from '../lang/en.js';
import { promptVideo, type HlsLoader } from '../media/prompt-video.js';

export interface IntroViewProps {
  m: CandidMessages;
  lang: string;
  questionCount: number;
  answered: number;
  hasPractice: boolean;
  introVideoUrl: string | null;
  introCaptionsUrl: string | null;
  loadHls: HlsLoader;
  ask: Ask;
}

/** How it works in three steps, the optional welcome video, then start (or practise first). */
export function introView(p: IntroViewProps): TemplateResult {
  const { m, ask } = p;
  return html`
    <section part="intro" aria-labelledby="intro-title">
      <h2 id="intro-title" tabindex="-1">${m.introTitle}</h2>
      ${promptVideo(p.introVideoUrl, p.introCaptionsUrl, m.introVideoLabel, p.lang, p.loadHls)}
      <p>${p.answered > 0 ? m.introResume(p.answered, p.questionCount) : m.introBody(p.questionCount)}</p>
      <ol class="steps-list">
        <li>${m.introStepThink}</li>
        <li>${m.introStepRecord}</li>
        <li>${m.introReview}</li>
      </ol>
      <div class="actions">
        <button type="button" name="start" part="button primary start" class="primary" @click=${() => ask({ type: 'begin', practice: false })}>
          ${m.startInterview}
        </button>
        ${p.hasPractice && p.answered === 0
          ? html`<button type="button" name="practice" part="button practice" @click=${() => ask({ type: 'begin', practice: true })}>${m.practiceStart}</button>`
          : nothing}
      </div>
    </section>
  `;
}
