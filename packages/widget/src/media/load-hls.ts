import type { HlsConstructor, HlsLoader } from './prompt-video.js';

/** File name of the lazily loaded hls.js chunk inside `assets-base`. */
export const HLS_CHUNK = 'candid-hls.js';

/** A loader that imports the hls.js chunk from `assets-base` once, on first use. */
export function hlsLoader(assetsBase: () => string): HlsLoader {
  let loading: Promise<HlsConstructor> | null = null;
  return () => {
    loading ??= import(/* @vite-ignore */ /* webpackIgnore: true */ new URL(HLS_CHUNK, assetsBase()).href).then((mod: { default?: HlsConstructor }) => {
      if (typeof mod.default !== 'function') throw new Error(`${HLS_CHUNK} is not the Candid hls.js chunk`);
      return mod.default;
    });
    loading.catch(() => (loading = null)); // a failed load may be retried by the next video
    return loading;
  };
}
