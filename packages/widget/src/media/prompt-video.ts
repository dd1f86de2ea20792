import { html, nothing, type TemplateResult } from 'lit';
import { withElement } from '../internal/directives.js';
import { devlog } from '../internal/devlog.js';

/** Loads hls.js (a separate, lazily loaded chunk under `assets-base`). */
export type HlsLoader = () => Promise<HlsConstructor>;

/** The part of hls.js this widget uses. */
export interface HlsConstructor {
  new (config?: Record<string, unknown>): { loadSource(url: string): void; attachMedia(video: HTMLVideoElement): void; destroy(): void };
  isSupported(): boolean;
}

const HLS_TYPE = 'application/vnd.apple.mpegurl';
const attached = new WeakMap<HTMLVideoElement, string>();

export const isHlsUrl = (url: string): boolean => /\.m3u8$/i.test(new URL(url, location.href).pathname);

/**
 * Points `video` at `url`: mp4/webm directly; HLS natively where the browser plays it (Safari),
 * else through hls.js, loaded only now. A failure leaves the text prompt, which is always shown.
 */
export async function attachSource(video: HTMLVideoElement, url: string, loadHls: HlsLoader): Promise<'native' | 'hls.js' | 'failed'> {
  if (attached.get(video) === url) return 'native';
  attached.set(video, url);
  if (!isHlsUrl(url) || video.canPlayType(HLS_TYPE)) {
    video.src = url;
    return 'native';
  }
  try {
    const Hls = await loadHls();
    if (!Hls.isSupported()) throw new Error('hls.js is not supported here (no MediaSource)');
    const hls = new Hls({ enableWorker: false });
    hls.loadSource(url);
    hls.attachMedia(video);
    video.addEventListener('emptied', () => hls.destroy(), { once: true });
    return 'hls.js';
  } catch (err) {
    devlog('HLS_UNAVAILABLE', `The question video could not be played (${String(err)}); the question is shown as text.`);
    return 'failed';
  }
}

/** A question or intro video with its required captions track; never autoplays with sound. */
export function promptVideo(url: string | null, captionsUrl: string | null, label: string, lang: string, loadHls: HlsLoader): TemplateResult | typeof nothing {
  if (!url) return nothing;
  return html`<video
    part="prompt-video"
    class="prompt-video"
    controls
    playsinline
    preload="metadata"
    crossorigin="anonymous"
    aria-label=${label}
    ${withElement((el) => void attachSource(el as HTMLVideoElement, url, loadHls))}
  >
    ${captionsUrl ? html`<track kind="captions" src=${captionsUrl} srclang=${lang} label=${lang} default />` : nothing}
  </video>`;
}
