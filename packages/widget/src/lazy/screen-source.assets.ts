import { LIT_KIT, LIT_KIT_KEY } from './lit-kit.js';
import type { ScreenModules, ScreenName } from './screen-modules.js';

/**
 * Script-tag build (swapped in for `screen-source.ts`): each screen is an ES module in
 * `<assets-base>screens/<name>.js` that takes Lit from the core (see `lit-kit.ts`).
 */
export async function importScreen<K extends ScreenName>(name: K, assetsBase: string): Promise<ScreenModules[K]> {
  (globalThis as Record<string, unknown>)[LIT_KIT_KEY] ??= LIT_KIT;
  return (await import(/* @vite-ignore */ /* webpackIgnore: true */ new URL(`screens/${name}.js`, assetsBase).href)) as ScreenModules[K];
}
