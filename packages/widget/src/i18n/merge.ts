import type { CandidMessages } from '../lang/en.js';

/**
 * Overrides for any UI string. Plain string maps (`errors`, `helpTitle`, `helpPermission`) merge
 * per key; every other entry replaces the catalog's.
 */
export type CandidMessageOverrides = {
  [K in keyof CandidMessages]?: CandidMessages[K] extends (...args: never[]) => unknown
    ? CandidMessages[K]
    : CandidMessages[K] extends object
      ? Partial<CandidMessages[K]>
      : CandidMessages[K];
};

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The catalog with `overrides` applied (one level deep for string maps). */
export function mergeMessages(catalog: CandidMessages, overrides: CandidMessageOverrides | null | undefined): CandidMessages {
  if (!overrides) return catalog;
  const merged: Record<string, unknown> = { ...catalog };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const base = merged[key];
    merged[key] = isMap(base) && isMap(value) ? { ...base, ...value } : value;
  }
  return merged as CandidMessages;
}
