import type { CandidMessages } from '../lang/en.js';
import type { Locale } from './negotiate.js';

/** The script-tag core carries no catalog: even English loads from the assets (in parallel with the session). */
export const BUNDLED_CATALOGS: Partial<Record<Locale, CandidMessages>> = {};

/**
 * Script-tag build (swapped in for `catalog-source.ts` by rollup.lang.mjs): catalogs are ES modules
 * in `<assets-base>lang/<locale>.js`, imported on demand. A module script, no inline code or eval:
 * a strict CSP only has to allow the assets origin in `script-src`.
 */
export async function importCatalog(locale: Locale, assetsBase: string | null): Promise<CandidMessages> {
  if (!assetsBase) throw new Error('No assets base: set the assets-base attribute.');
  const url = new URL(`lang/${locale}.js`, assetsBase).href;
  return ((await import(/* @vite-ignore */ /* webpackIgnore: true */ url)) as { default: CandidMessages }).default;
}
