import { CandidError, type FieldIssue } from './errors.js';

/** NUL, or a surrogate half without its pair. */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/**
 * ISO 8601 as the API takes it: a date (`2030-01-31`, midnight UTC) or a date-time with seconds
 * optional, fractions optional, and `Z` or an offset. `new Date()` alone also takes `March 7, 2030`,
 * `2030` or `+275760-09-13`, and JavaScript dates beyond year 9999 reach PostgreSQL as text it
 * refuses (a 500).
 */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** The widest range any date the API accepts may fall in (query bounds such as `from` and `to`). */
export const DATE_RANGE = { min: Date.UTC(1970, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) } as const;

/** The latest a session (invitation) may expire: this long after it is created. */
export const MAX_SESSION_LIFETIME_DAYS = 366;

/** Parses an ISO 8601 date or date-time within `[min, max]` (epoch ms), or says why not. */
export function parseBoundedDate(value: unknown, bounds: { min?: number; max?: number } = {}): Date | string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return 'must be an ISO 8601 date or date-time such as 2030-01-31T12:00:00Z';
  // V8 rolls 2030-02-31 over to March 3rd and takes 24:00: check the fields themselves.
  const [y, mo, d, h = 0, mi = 0, sec = 0] = value.split(/[-T:.Z+]/).slice(0, 6).map(Number) as number[];
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || mo! < 1 || mo! > 12 || d! < 1 || d! > new Date(Date.UTC(y!, mo!, 0)).getUTCDate() || h > 23 || mi > 59 || sec > 59) {
    return 'must be a real calendar date and time';
  }
  const min = Math.max(bounds.min ?? DATE_RANGE.min, DATE_RANGE.min);
  const max = Math.min(bounds.max ?? DATE_RANGE.max, DATE_RANGE.max);
  if (date.getTime() < min || date.getTime() > max) return `must be from ${new Date(min).toISOString()} to ${new Date(max).toISOString()}`;
  return date;
}

/**
 * A tiny collector of field-level issues: each reader records what is wrong with its field and
 * returns a usable value, so one response lists every problem at once.
 */
export class Validator {
  readonly issues: FieldIssue[] = [];

  fail(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  /**
   * An object whose keys must all be in `allowed`: a misspelt optional field is reported instead
   * of silently ignored (`thinkSecond` would otherwise fall back to the default).
   */
  object(value: unknown, path: string, allowed?: readonly string[]): Record<string, unknown> {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.fail(path, 'must be an object');
      return {};
    }
    const record = value as Record<string, unknown>;
    if (allowed) {
      for (const key of Object.keys(record)) {
        if (!allowed.includes(key)) this.fail(path ? `${path}/${key}` : key, `is not a known field (expected one of: ${allowed.join(', ')})`);
      }
    }
    return record;
  }

  number(value: unknown, path: string, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      this.fail(path, `must be a number from ${min} to ${max}`);
      return min;
    }
    return value;
  }

  /** An absolute http(s) URL (prompt videos, captions). */
  url(value: unknown, path: string): string {
    const text = this.string(value, path, { max: 2048 });
    if (!text) return text;
    try {
      const parsed = new URL(text);
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') this.fail(path, 'must be an http(s) URL');
    } catch {
      this.fail(path, 'must be an absolute URL');
    }
    return text;
  }

  /**
   * An e-mail address a person can write to: one `@`, a dotted domain, no spaces, brackets or
   * quotes (enough to catch typos and injected display names; deliverability is not checked).
   */
  email(value: unknown, path: string): string {
    const text = this.string(value, path, { max: 254 });
    if (text && !EMAIL.test(text)) this.fail(path, 'must be an e-mail address such as jobs@example.com');
    return text;
  }

  string(value: unknown, path: string, opts: { max?: number; pattern?: RegExp; patternHint?: string; allowEmpty?: boolean } = {}): string {
    if (typeof value !== 'string' || (value.trim() === '' && !opts.allowEmpty)) {
      this.fail(path, opts.allowEmpty ? 'must be a string' : 'must be a non-empty string');
      return '';
    }
    if (opts.max !== undefined && value.length > opts.max) this.fail(path, `must be at most ${opts.max} characters`);
    // PostgreSQL text and jsonb cannot hold either: storing them failed with a 500.
    if (UNSTORABLE.test(value)) this.fail(path, 'must not contain NUL characters or unpaired UTF-16 surrogates');
    if (opts.pattern && !opts.pattern.test(value)) this.fail(path, opts.patternHint ?? `must match ${opts.pattern}`);
    return value;
  }

  /** An ISO 8601 date or date-time within bounds (see {@link parseBoundedDate}); `null` after a failure. */
  date(value: unknown, path: string, bounds: { min?: number; max?: number } = {}): Date | null {
    const parsed = parseBoundedDate(value, bounds);
    if (typeof parsed === 'string') {
      this.fail(path, parsed);
      return null;
    }
    return parsed;
  }

  optionalString(value: unknown, path: string, opts: { max?: number; pattern?: RegExp; patternHint?: string } = {}): string | undefined {
    return value === undefined || value === null ? undefined : this.string(value, path, opts);
  }

  integer(value: unknown, path: string, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(path, `must be an integer from ${min} to ${max}`);
      return min;
    }
    return value;
  }

  optionalInteger(value: unknown, path: string, min: number, max: number, fallback: number): number {
    return value === undefined || value === null ? fallback : this.integer(value, path, min, max);
  }

  boolean(value: unknown, path: string): boolean {
    if (typeof value !== 'boolean') {
      this.fail(path, 'must be true or false');
      return false;
    }
    return value;
  }

  array(value: unknown, path: string, min: number, max: number): unknown[] {
    if (!Array.isArray(value)) {
      this.fail(path, 'must be an array');
      return [];
    }
    if (value.length < min || value.length > max) this.fail(path, `must hold from ${min} to ${max} items`);
    return value;
  }

  /** Throws VALIDATION_FAILED listing every issue, if any. */
  done(): void {
    if (this.issues.length > 0) {
      const summary = this.issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
      throw new CandidError('VALIDATION_FAILED', `Invalid request: ${summary}.`, { issues: this.issues });
    }
  }
}
