/**
 * Every shipped catalog, eagerly (for tests, tooling, or apps that want all languages in their
 * bundle). The widget itself loads non-English catalogs on demand (see `i18n/catalog-source.ts`).
 */
import ar from './ar.js';
import de from './de.js';
import { en, type CandidMessages } from './en.js';
import es from './es.js';
import fr from './fr.js';

export const catalogs: Readonly<Record<'en' | 'es' | 'fr' | 'de' | 'ar', CandidMessages>> = { en, es, fr, de, ar };
