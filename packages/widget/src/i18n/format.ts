/**
 * Locale-bound formatting for message catalogs: numbers, percentages, clock times and plural
 * forms (CLDR categories via `Intl.PluralRules`). Each catalog creates one with its own locale.
 */

/** Plural forms keyed by CLDR category; `other` is required, `#` is replaced by the formatted number. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export interface Formatters {
  readonly locale: string;
  /** A number in the locale's digits and separators. */
  num(n: number, options?: Intl.NumberFormatOptions): string;
  /** A number with exactly `digits` fraction digits (e.g. megabytes). */
  fixed(n: number, digits: number): string;
  /** 0..1 as a percentage (`0.42` → `42%`, `٤٢٪`). */
  pct(ratio: number): string;
  /** Seconds as m:ss. */
  clock(seconds: number): string;
  /** The form for `n`'s plural category (`#` → the formatted number). */
  plural(n: number, forms: PluralForms): string;
}

export function formatters(locale: string): Formatters {
  // Built on first use: catalogs are evaluated at load, most formatters are never needed.
  let rules: Intl.PluralRules | undefined;
  const cache = new Map<string, Intl.NumberFormat>();
  const nf = (options: Intl.NumberFormatOptions = {}): Intl.NumberFormat => {
    const key = JSON.stringify(options);
    let f = cache.get(key);
    if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, options)));
    return f;
  };
  const num = (n: number, options?: Intl.NumberFormatOptions) => nf(options).format(n);
  return {
    locale,
    num,
    fixed: (n, digits) => num(n, { minimumFractionDigits: digits, maximumFractionDigits: digits }),
    pct: (ratio) => num(ratio, { style: 'percent', maximumFractionDigits: 0 }),
    clock: (seconds) => {
      const s = Math.max(0, Math.round(seconds));
      return `${num(Math.floor(s / 60), { useGrouping: false })}:${num(s % 60, { minimumIntegerDigits: 2 })}`;
    },
    plural: (n, forms) => {
      rules ??= new Intl.PluralRules(locale);
      const form = forms[rules.select(n)] ?? forms.other;
      return form.replace(/#/g, num(n));
    },
  };
}
