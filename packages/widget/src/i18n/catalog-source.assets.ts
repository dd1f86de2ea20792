import type { CandidMessages } from '../lang/en.js';
import type { Locale } from './negotiate.js';

/**
 * Script-tag build (swapped in for `catalog-source.ts` by rollup.lang.mjs): catalogs are ES modules
 * in `<assets-base>lang/<locale>.js`, imported on demand. A module script, no inline code or eval:
 * a strict CSP only has to allow the assets origin in `script-src`.
 */
export async function importCatalog(locale: Exclude<Locale, 'en'>, assetsBase: string | null): Promise<CandidMessages> {
  if (!assetsBase) throw new Error('No assets base: set the assets-base attribute.');
  const url = new URL(`lang/${locale}.js`, assetsBase).href;
  return ((await import(/* @vite-ignore */ url)) as { default: CandidMessages }).default;
}
