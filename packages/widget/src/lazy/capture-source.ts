/**
 * npm (ESM) build: a plain dynamic import, split off by the app's bundler. The script-tag build
 * swaps this file for `capture-source.assets.ts` (see rollup.screens.mjs).
 */
export function importCaptureEngine(_assetsBase: string): Promise<typeof import('../capture/capture-engine.js')> {
  return import('../capture/capture-engine.js');
}
