import { html, nothing, type TemplateResult } from 'lit';
import type { MediaDeviceOption } from '../controllers/camera-controller.js';
import type { CandidMessages } from '../lang/en.js';
import type { ConnectionCheck } from '../store/interview-store.js';
import { previewVideo } from './question-view.js';

export interface CheckViewProps {
  m: CandidMessages;
  audioOnly: boolean;
  stream: MediaStream | null;
  cameras: readonly MediaDeviceOption[];
  microphones: readonly MediaDeviceOption[];
  cameraId: string;
  microphoneId: string;
  canFlip: boolean;
  /** 0..1 */
  level: number;
  /** Highest level so far: below ~0.15 after a while means we hear nothing. */
  peak: number;
  connection: ConnectionCheck | null;
  switchFailed: boolean;
  busy: boolean;
  /** Optional extra content under the level meter (the VAD's "say a few words" speech check). */
  extra?: TemplateResult | typeof nothing;
  onCamera: (event: Event) => void;
  onMicrophone: (event: Event) => void;
  onFlip: () => void;
  onContinue: () => void;
}

const picker = (
  name: string,
  label: string,
  fallback: string,
  options: readonly MediaDeviceOption[],
  selected: string,
  busy: boolean,
  onChange: (event: Event) => void,
  m: CandidMessages,
): TemplateResult | typeof nothing =>
  options.length === 0
    ? nothing
    : html`<label class="field"
        ><span>${label}</span>
        <select name=${name} part="select ${name}" ?disabled=${busy} @change=${onChange}>
          ${options.map(
            (o, i) => html`<option value=${o.deviceId} ?selected=${o.deviceId === selected}>${o.label || m.deviceFallbackLabel(fallback, i + 1)}</option>`,
          )}
        </select></label
      >`;

function connectionText(m: CandidMessages, c: ConnectionCheck | null): string {
  if (!c || c.status === 'checking') return m.connectionChecking;
  if (c.status === 'failed' || c.bitsPerSecond === null) return m.connectionFailed;
  return c.bitsPerSecond >= c.requiredBitsPerSecond ? m.connectionGood(c.bitsPerSecond) : m.connectionSlow(c.bitsPerSecond, c.requiredBitsPerSecond);
}

/** Device check: preview, live mic level, device pickers, connection check, Continue. */
export function checkView(p: CheckViewProps): TemplateResult {
  const { m } = p;
  const c = p.connection;
  const verdict = !c || c.status === 'checking' ? 'checking' : c.status === 'failed' ? 'unknown' : (c.bitsPerSecond ?? 0) >= c.requiredBitsPerSecond ? 'good' : 'slow';
  return html`
    <section part="check" aria-labelledby="check-title">
      <h2 id="check-title">${m.checkTitle}</h2>
      <p>${p.audioOnly ? m.checkIntroAudio : m.checkIntro}</p>
      ${p.audioOnly ? nothing : previewVideo(m, p.stream)}
      <div class="devices">
        ${p.audioOnly ? nothing : picker('camera', m.cameraLabel, m.cameraLabel, p.cameras, p.cameraId, p.busy, p.onCamera, m)}
        ${p.canFlip
          ? html`<button type="button" name="flip" part="button flip" ?disabled=${p.busy} @click=${p.onFlip}>${m.flipCamera}</button>`
          : nothing}
        ${picker('microphone', m.microphoneLabel, m.microphoneLabel, p.microphones, p.microphoneId, p.busy, p.onMicrophone, m)}
      </div>
      <label class="field"
        ><span>${m.micLevelLabel}</span>
        <meter part="mic-level" min="0" max="1" low="0.15" optimum="0.6" .value=${p.level}></meter
      ></label>
      ${p.peak < 0.15 ? html`<p class="hint">${m.micSilent}</p>` : nothing}
      ${p.extra ?? nothing}
      ${p.switchFailed ? html`<p class="hint" role="alert">${m.deviceSwitchFailed}</p>` : nothing}
      <p part="connection" data-verdict=${verdict} role="status">${connectionText(m, c)}</p>
      <div class="actions">
        <button type="button" name="continue" part="button continue" ?disabled=${p.busy || !p.stream} @click=${p.onContinue}>
          ${m.continue}
        </button>
      </div>
    </section>
  `;
}
