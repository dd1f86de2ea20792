import type { CandidMessages } from '../lang/en.js';
import type { Locale } from './negotiate.js';

type CatalogModule = { default: CandidMessages };

/**
 * npm (ESM) build: each catalog is its own module, split off by the app's bundler. The
 * script-tag build swaps this file for `catalog-source.assets.ts` (see rollup.config.mjs).
 */
const modules: Record<Exclude<Locale, 'en'>, () => Promise<CatalogModule>> = {
  es: () => import('../lang/es.js'),
  fr: () => import('../lang/fr.js'),
  de: () => import('../lang/de.js'),
  ar: () => import('../lang/ar.js'),
};

export async function importCatalog(locale: Exclude<Locale, 'en'>, _assetsBase: string | null): Promise<CandidMessages> {
  return (await modules[locale]()).default;
}
