/**
 * Who is asking: the employer named on the candidate's first screen. An interview may name its own;
 * `createCandid({ employer })` gives the default for interviews that do not.
 */
import type { Employer, EmployerInput } from './types.js';
import { Validator } from './validation.js';

export const EMPLOYER_FIELDS = ['name', 'logoUrl', 'contactEmail', 'contactUrl', 'privacyUrl'] as const;
const URL_FIELDS = ['logoUrl', 'contactUrl', 'privacyUrl'] as const;

/** Reads an employer object (`path` is where it sits in the body, e.g. `employer`), recording issues in `v`. */
export function parseEmployer(v: Validator, raw: unknown, path: string): Employer {
  const before = v.issues.length;
  const e = v.object(raw, path, EMPLOYER_FIELDS);
  // Not an object: one issue is enough (not another for its missing name).
  if (v.issues.length > before && (raw === null || typeof raw !== 'object' || Array.isArray(raw))) return { name: '', logoUrl: null, contactEmail: null, contactUrl: null, privacyUrl: null };
  const absent = (value: unknown) => value === undefined || value === null;
  const employer: Employer = {
    name: v.string(e.name, `${path}/name`, { max: 200 }),
    logoUrl: null,
    contactEmail: absent(e.contactEmail) ? null : v.email(e.contactEmail, `${path}/contactEmail`),
    contactUrl: null,
    privacyUrl: null,
  };
  // The same check as prompt and intro videos: absolute http(s), at most 2048 characters.
  for (const field of URL_FIELDS) employer[field] = absent(e[field]) ? null : v.url(e[field], `${path}/${field}`);
  return employer;
}

/**
 * `createCandid({ employer })`, checked at start. Throws a TypeError naming each bad option and its
 * environment variable, like the other options.
 */
export function resolveEmployerOption(input: EmployerInput | undefined): Employer | null {
  if (input === undefined || input === null) return null;
  const v = new Validator();
  const employer = parseEmployer(v, input, 'employer');
  if (v.issues.length > 0) {
    const env: Record<string, string> = {
      name: 'CANDID_EMPLOYER_NAME',
      logoUrl: 'CANDID_EMPLOYER_LOGO_URL',
      contactEmail: 'CANDID_EMPLOYER_CONTACT_EMAIL',
      contactUrl: 'CANDID_EMPLOYER_CONTACT_URL',
      privacyUrl: 'CANDID_EMPLOYER_PRIVACY_URL',
    };
    const problems = v.issues.map(({ path, message }) => {
      const field = path.split('/')[1];
      return `\`${path.replace('/', '.')}\`${field && env[field] ? ` (env ${env[field]})` : ''} ${message}`;
    });
    throw new TypeError(`createCandid: ${problems.join('; ')}.`);
  }
  return employer;
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The employer the candidate is shown: the interview's own, else the configured default; null when
 * neither names one. Fields the interview leaves unset are taken from the default only when both
 * name the same employer: an interview for another company (an agency hiring for a client) must
 * never show the default's logo or privacy policy next to its own name.
 */
export function effectiveEmployer(own: Employer | null, fallback: Employer | null): Employer | null {
  if (!own) return fallback ? { ...fallback } : null;
  if (!fallback || !sameName(own.name, fallback.name)) return { ...own };
  return {
    name: own.name,
    logoUrl: own.logoUrl ?? fallback.logoUrl,
    contactEmail: own.contactEmail ?? fallback.contactEmail,
    contactUrl: own.contactUrl ?? fallback.contactUrl,
    privacyUrl: own.privacyUrl ?? fallback.privacyUrl,
  };
}
