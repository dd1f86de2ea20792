import { html, nothing, type TemplateResult } from 'lit';
import type { MediaDeviceOption } from '../controllers/camera-controller.js';
import type { Ask } from '../flow/requests.js';
import type { CandidMessages } from '../lang/en.js';
import type { ConnectionCheck } from '../store/state.js';
import { previewVideo } from './stage-view.js';

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
  ask: Ask;
}

const picker = (
  name: 'camera' | 'microphone',
  label: string,
  options: readonly MediaDeviceOption[],
  selected: string,
  p: CheckViewProps,
): TemplateResult | typeof nothing =>
  options.length === 0
    ? nothing
    : html`<label class="field"
        ><span>${label}</span>
        <select
          name=${name}
          part="select ${name}"
          ?disabled=${p.busy}
          @change=${(event: Event) => {
            const id = (event.target as HTMLSelectElement).value;
            p.ask({ type: 'select-device', choice: name === 'camera' ? { cameraId: id } : { microphoneId: id } });
          }}
        >
          ${options.map((o, i) => html`<option value=${o.deviceId} ?selected=${o.deviceId === selected}>${o.label || p.m.deviceFallbackLabel(label, i + 1)}</option>`)}
        </select></label
      >`;

function connectionText(m: CandidMessages, c: ConnectionCheck | null): string {
  if (!c || c.status === 'checking') return m.connectionChecking;
  if (c.status === 'failed' || c.bitsPerSecond === null) return m.connectionFailed;
  return c.bitsPerSecond >= c.requiredBitsPerSecond ? m.connectionGood(c.bitsPerSecond) : m.connectionSlow(c.bitsPerSecond, c.requiredBitsPerSecond);
}

/** Device check: a large preview beside a checklist (microphone level, pickers, connection) and one Continue. */
export function checkView(p: CheckViewProps): TemplateResult {
  const { m } = p;
  const c = p.connection;
  const verdict = !c || c.status === 'checking' ? 'checking' : c.status === 'failed' ? 'unknown' : (c.bitsPerSecond ?? 0) >= c.requiredBitsPerSecond ? 'good' : 'slow';
  const heard = p.peak >= 0.15;
  return html`
    <section part="check" aria-labelledby="check-title">
      <h2 id="check-title">${m.checkTitle}</h2>
      <p>${p.audioOnly ? m.checkIntroAudio : m.checkIntro}</p>
      <div class="check-grid">
        ${p.audioOnly ? nothing : html`<div class="stage">${previewVideo(m, p.stream)}</div>`}
        <div class="checklist">
          ${p.audioOnly ? nothing : picker('camera', m.cameraLabel, p.cameras, p.cameraId, p)}
          ${p.canFlip
            ? html`<button type="button" name="flip" part="button flip" ?disabled=${p.busy} @click=${() => p.ask({ type: 'flip-camera' })}>
                ${m.flipCamera}
              </button>`
            : nothing}
          ${picker('microphone', m.microphoneLabel, p.microphones, p.microphoneId, p)}
          <label class="field"
            ><span>${m.micLevelLabel}</span>
            <meter part="mic-level" min="0" max="1" low="0.15" optimum="0.6" .value=${p.level}></meter
          ></label>
          ${heard ? nothing : html`<p class="hint">${m.micSilent}</p>`}
          ${p.extra ?? nothing}
          ${p.switchFailed ? html`<p class="hint" role="alert">${m.deviceSwitchFailed}</p>` : nothing}
          <p class="status-line" part="connection" data-verdict=${verdict} data-ok=${verdict === 'good' ? 'yes' : verdict === 'slow' ? 'no' : 'wait'} role="status">
            ${connectionText(m, c)}
          </p>
        </div>
      </div>
      <div class="actions">
        <button type="button" name="continue" part="button primary continue" class="primary" ?disabled=${p.busy || !p.stream} @click=${() => p.ask({ type: 'continue' })}>
          ${m.continue}
        </button>
      </div>
    </section>
  `;
}
