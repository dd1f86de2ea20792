import { en, type CandidMessages } from '../lang/en.js';
import type { Locale } from './negotiate.js';

type CatalogModule = { default: CandidMessages };

/** Catalogs available without loading anything: English in the npm (ESM) build. */
export const BUNDLED_CATALOGS: Partial<Record<Locale, CandidMessages>> = { en };

/**
 * npm (ESM) build: each other catalog is its own module, split off by the app's bundler. The
 * script-tag build swaps this file for `catalog-source.assets.ts` (see rollup.lang.mjs).
 */
const modules: Record<Exclude<Locale, 'en'>, () => Promise<CatalogModule>> = {
  es: () => import('../lang/es.js'),
  fr: () => import('../lang/fr.js'),
  de: () => import('../lang/de.js'),
  ar: () => import('../lang/ar.js'),
};

export async function importCatalog(locale: Locale, _assetsBase: string | null): Promise<CandidMessages> {
  return locale === 'en' ? en : (await modules[locale]()).default;
}
