import { html, nothing, type TemplateResult } from 'lit';
import type { CandidMessages } from '../lang/en.js';

/**
 * Device check: "say a few words", ticked once the VAD hears speech. Shows nothing unless the VAD
 * is analysing audio (loading, unavailable, audio context suspended): the level meter is still there.
 */
export function speechCheck(m: CandidMessages, listening: boolean, heard: boolean): TemplateResult | typeof nothing {
  if (!listening) return nothing;
  return html`<p part="speech-check" data-heard=${heard ? 'yes' : 'no'} role="status">
    ${heard ? html`<span aria-hidden="true">✓</span> ${m.speechCheckHeard}` : m.speechCheckPrompt}
  </p>`;
}

/** Recording: a gentle nudge when no speech was heard in the first seconds. */
export function speechNudge(m: CandidMessages, show: boolean): TemplateResult | typeof nothing {
  return show ? html`<p class="hint" part="speech-nudge" role="status">${m.noSpeechNudge}</p>` : nothing;
}
