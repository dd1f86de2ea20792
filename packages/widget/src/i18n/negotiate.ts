/** Locales whose catalogs ship with the widget (`en` is built in, the others load on demand). */
export const LOCALES = ['en', 'es', 'fr', 'de', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

const RTL = new Set(['ar', 'he', 'fa', 'ur']);

/** The language subtag, lower case (`pt-BR` → `pt`), or '' for an invalid tag. */
function language(tag: string): string {
  try {
    return (Intl.getCanonicalLocales(tag)[0] ?? '').split('-')[0]!.toLowerCase();
  } catch {
    return '';
  }
}

/**
 * The catalog for a BCP 47 tag: exact match, then its language, then `en`. `requested` is the
 * element's `locale` attribute; only when that is absent does the interview's locale count.
 */
export function negotiateLocale(requested: string | null | undefined, interviewLocale?: string | null): Locale {
  const tag = requested?.trim() || interviewLocale?.trim() || 'en';
  const exact = LOCALES.find((l) => l.toLowerCase() === tag.toLowerCase());
  if (exact) return exact;
  const lang = language(tag);
  return LOCALES.find((l) => l === lang) ?? 'en';
}

/** Writing direction of a locale's script. */
export const directionOf = (tag: string): 'ltr' | 'rtl' => (RTL.has(language(tag)) ? 'rtl' : 'ltr');
