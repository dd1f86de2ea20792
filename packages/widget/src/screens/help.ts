import { html, nothing, type TemplateResult } from 'lit';
import type { CandidErrorInfo } from '../errors.js';
import type { Ask } from '../flow/requests.js';
import type { CandidMessages, HelpBrowser } from '../lang/en.js';

/** Which browser's settings to explain, from the user agent (every iOS browser but Chrome/Firefox/Edge is Safari). */
export function helpBrowser(ua: string = globalThis.navigator?.userAgent ?? ''): HelpBrowser {
  if (/Edg(e|A|iOS)?\//.test(ua)) return 'edge';
  if (/Firefox\/|FxiOS\//.test(ua)) return 'firefox';
  if (/Chrome\/|Chromium\/|CriOS\//.test(ua)) return 'chrome';
  if (/Safari\/|iPhone|iPad/.test(ua)) return 'safari';
  return 'other';
}

function helpSteps(m: CandidMessages, code: string, audioOnly: boolean): TemplateResult {
  switch (code) {
    case 'CAMERA_PERMISSION_DENIED':
      return html`<p>${m.helpPermission[helpBrowser()]}</p>
        <p class="hint">${m.helpPermissionSystem}</p>`;
    case 'CAMERA_NOT_FOUND':
      return html`<p>${audioOnly ? m.helpNotFoundAudio : m.helpNotFound}</p>`;
    case 'CAMERA_IN_USE':
      return html`<p>${m.helpInUse}</p>`;
    default:
      return html`<p>${m.helpInsecure}</p>`;
  }
}

/**
 * Plain-language help for one camera/microphone failure, per browser for a denied permission. The
 * slot `error-{CODE}` replaces the text.
 */
export function helpView(m: CandidMessages, error: CandidErrorInfo, audioOnly: boolean, ask: Ask): TemplateResult {
  const { code } = error;
  return html`
    <section part="error help" class="calm" role="alert" data-code=${code} data-browser=${helpBrowser()}>
      <div class="badge" data-tone="quiet" aria-hidden="true">?</div>
      <h2>${m.helpTitle[code] ?? m.errorTitle}</h2>
      <slot name=${`error-${code}`}>${helpSteps(m, code, audioOnly)}</slot>
      ${error.recoverable
        ? html`<div class="actions"><button type="button" name="retry" part="button primary retry" class="primary" @click=${() => ask({ type: 'retry' })}>${m.retry}</button></div>`
        : nothing}
    </section>
  `;
}
