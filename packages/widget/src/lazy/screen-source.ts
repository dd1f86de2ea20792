import type { ScreenModules, ScreenName } from './screen-modules.js';

/**
 * npm (ESM) build: plain dynamic imports, which the app's bundler splits off. The script-tag build
 * swaps this file for `screen-source.assets.ts` (see rollup.screens.mjs).
 */
const sources: { [K in ScreenName]: () => Promise<ScreenModules[K]> } = {
  notice: () => import('../screens/notice.js'),
  review: () => import('../screens/review.js'),
  request: () => import('../screens/request.js'),
  withdraw: () => import('../screens/withdraw.js'),
  help: () => import('../screens/help.js'),
};

export function importScreen<K extends ScreenName>(name: K, _assetsBase: string): Promise<ScreenModules[K]> {
  return sources[name]();
}
