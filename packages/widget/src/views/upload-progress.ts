import { html, nothing, type TemplateResult } from 'lit';
import type { CandidMessages } from '../lang/en.js';
import type { UploadProgress } from '../store/state.js';

/** Bytes of the take being saved, quiet: a thin bar and a percentage, or a tick once all is on the server. */
export function uploadProgress(m: CandidMessages, p: UploadProgress | null): TemplateResult | typeof nothing {
  if (!p || p.bytesRecorded === 0) return nothing;
  const done = p.bytesSent >= p.bytesRecorded;
  return html`<p class="saved meta" part="upload-progress" data-done=${done ? 'true' : 'false'}>
    ${done ? html`<span aria-hidden="true">✓</span> ${m.uploadDone}` : html`<progress aria-hidden="true" max=${p.bytesRecorded} .value=${p.bytesSent}></progress> ${m.uploadProgress(p.bytesSent, p.bytesRecorded)}`}
  </p>`;
}
