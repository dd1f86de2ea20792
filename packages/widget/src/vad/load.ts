import type { VadModule } from './types.js';

/** File name of the lazily loaded VAD chunk inside `assets-base`. */
export const VAD_CHUNK = 'candid-vad.js';

/** Imports the VAD chunk from `assetsBase` (a native dynamic import: nothing is bundled). */
export async function loadVadModule(assetsBase: string): Promise<VadModule> {
  const url = new URL(VAD_CHUNK, assetsBase).href;
  const mod = (await import(/* @vite-ignore */ /* webpackIgnore: true */ url)) as Partial<VadModule>;
  if (typeof mod.createVadEngine !== 'function') throw new Error(`${url} is not the Candid VAD chunk`);
  return mod as VadModule;
}
