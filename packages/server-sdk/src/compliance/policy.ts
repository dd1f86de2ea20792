import { CandidError } from '../errors.js';
import type { RetentionSettings } from '../types.js';
import { BASELINE, JURISDICTION_IDS, type JurisdictionId, type NoticeItem, PACKS, type RetentionType } from './packs.js';

/** The combined rules of an interview's jurisdictions: what the widget shows and the server enforces. */
export interface ResolvedPolicy {
  jurisdictions: Array<{ id: JurisdictionId; version: string }>;
  requiredNotice: NoticeItem[];
  consentGates: Array<'aiEvaluation' | 'recording'>;
  scoringDelayBusinessDays: number;
  automatedDecisionAllowed: boolean;
  retention: Record<RetentionType, { min: number; max: number }>;
  minimumAge: number;
  erasureDeadlineDays: number;
  accessDeadlineDays: number;
}

const RETENTION_TYPES: RetentionType[] = ['mediaDays', 'evaluationDays', 'incompleteUploadDays'];

export function isJurisdictionId(value: unknown): value is JurisdictionId {
  return typeof value === 'string' && (JURISDICTION_IDS as readonly string[]).includes(value);
}

/**
 * The strictest combination wins: the highest floor and the lowest ceiling per data type, the
 * highest minimum age and delay, the shortest deadlines, every notice item and consent gate, and
 * automated decisions only if every pack allows them. Floors above ceilings are reported, not hidden.
 */
export function resolvePolicy(ids: readonly JurisdictionId[]): ResolvedPolicy {
  const packs = [...new Set(ids)].sort().map((id) => PACKS[id]);
  const retention = Object.fromEntries(
    RETENTION_TYPES.map((type) => {
      const base = BASELINE.retention[type];
      const min = Math.max(base.min, ...packs.map((p) => p.retention[type]?.min ?? base.min));
      const max = Math.min(base.max, ...packs.map((p) => p.retention[type]?.max ?? base.max));
      return [type, { min, max }];
    }),
  ) as ResolvedPolicy['retention'];
  const notice = new Set<NoticeItem>([...BASELINE.requiredNotice, ...packs.flatMap((p) => p.requiredNotice)]);
  return {
    jurisdictions: packs.map((p) => ({ id: p.id, version: p.version })),
    requiredNotice: [...notice].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))),
    consentGates: [...new Set([...BASELINE.consentGates, ...packs.flatMap((p) => p.consentGates)])].sort(),
    scoringDelayBusinessDays: Math.max(0, ...packs.map((p) => p.scoringDelayBusinessDays)),
    automatedDecisionAllowed: packs.every((p) => p.automatedDecisionAllowed),
    retention,
    minimumAge: Math.max(BASELINE.minimumAge, ...packs.map((p) => p.minimumAge)),
    erasureDeadlineDays: Math.min(30, ...packs.map((p) => p.erasureDeadlineDays)),
    accessDeadlineDays: Math.min(30, ...packs.map((p) => p.accessDeadlineDays)),
  };
}

/** Which of `ids`' packs (or the baseline) require a notice item, for error messages. */
export function packsRequiring(ids: readonly JurisdictionId[], item: NoticeItem): string[] {
  const packs = [...new Set(ids)].sort().filter((id) => PACKS[id].requiredNotice.includes(item));
  return BASELINE.requiredNotice.includes(item) ? ['every interview', ...packs] : packs;
}

/**
 * Checks an interview's retention against its policy. Values the caller did not give are moved
 * into the bounds (a default is not a choice); explicit values outside them are refused.
 */
export function applyRetentionBounds(policy: ResolvedPolicy, retention: RetentionSettings, explicit: ReadonlySet<RetentionType>): RetentionSettings {
  const result = { ...retention };
  const conflicts = RETENTION_TYPES.filter((t) => policy.retention[t].min > policy.retention[t].max);
  if (conflicts.length > 0) {
    const list = conflicts.map((t) => `${t}: at least ${policy.retention[t].min} but at most ${policy.retention[t].max}`).join('; ');
    throw new CandidError('JURISDICTION_CONFLICT', `These jurisdictions cannot be combined in one interview (${list}). Split the interview, or keep the longer period under a legal hold with its reason.`);
  }
  const issues: Array<{ path: string; message: string }> = [];
  for (const type of RETENTION_TYPES) {
    const { min, max } = policy.retention[type];
    const value = result[type];
    if (value >= min && value <= max) continue;
    if (explicit.has(type)) issues.push({ path: `retention/${type}`, message: `must be from ${min} to ${max} days for ${policy.jurisdictions.map((j) => j.id).join(', ') || 'this interview'}` });
    else result[type] = Math.min(max, Math.max(min, value));
  }
  if (issues.length > 0) {
    throw new CandidError('RETENTION_OUT_OF_BOUNDS', `Retention outside the jurisdictions' bounds: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}.`, { issues });
  }
  return result;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const ymd = (date: Date) => date.toISOString().slice(0, 10);

/**
 * US federal holidays of `year` as observed (5 U.S.C. 6103: on a Saturday, the Friday before; on a
 * Sunday, the Monday after), as `YYYY-MM-DD`. Includes the next New Year's Day when it is observed
 * on this year's December 31.
 */
export function usFederalHolidays(year: number): Set<string> {
  const on = (y: number, month: number, day: number) => new Date(Date.UTC(y, month, day));
  /** The `n`th `weekday` (0 = Sunday) of `month`. */
  const nth = (month: number, weekday: number, n: number) => {
    const first = on(year, month, 1).getUTCDay();
    return on(year, month, 1 + ((weekday - first + 7) % 7) + 7 * (n - 1));
  };
  /** The last `weekday` of `month`. */
  const last = (month: number, weekday: number) => {
    const end = on(year, month + 1, 0);
    return on(year, month, end.getUTCDate() - ((end.getUTCDay() - weekday + 7) % 7));
  };
  const observed = (date: Date) => {
    const day = date.getUTCDay();
    return day === 6 ? new Date(date.getTime() - DAY_MS) : day === 0 ? new Date(date.getTime() + DAY_MS) : date;
  };
  const juneteenth = year >= 2021 ? [on(year, 5, 19)] : []; // a federal holiday since 2021
  const fixed = [on(year, 0, 1), ...juneteenth, on(year, 6, 4), on(year, 10, 11), on(year, 11, 25), on(year + 1, 0, 1)].map(observed);
  // MLK Day, Washington's Birthday, Memorial Day, Labor Day, Columbus Day, Thanksgiving.
  const floating = [nth(0, 1, 3), nth(1, 1, 3), last(4, 1), nth(8, 1, 1), nth(9, 1, 2), nth(10, 4, 4)];
  return new Set([...fixed, ...floating].filter((date) => date.getUTCFullYear() === year).map(ymd));
}

const holidayYears = new Map<number, Set<string>>();

/** Monday to Friday, and not a US federal holiday (the NYC pack's 10 business days). */
export function isBusinessDay(date: Date): boolean {
  const day = date.getUTCDay();
  if (day === 0 || day === 6) return false;
  const year = date.getUTCFullYear();
  let holidays = holidayYears.get(year);
  if (!holidays) holidayYears.set(year, (holidays = usFederalHolidays(year)));
  return !holidays.has(ymd(date));
}

const NEW_YORK_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date of `instant` in New York (as that date's UTC midnight). */
function newYorkDate(instant: Date): Date {
  const [year, month, day] = NEW_YORK_DATE.format(instant).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day));
}

/**
 * `start` plus `days` business days, counted on New York's calendar (Monday–Friday without US
 * federal holidays): the same time of day on that date (an hour off across a DST change).
 */
export function addBusinessDays(start: Date, days: number): Date {
  const date = newYorkDate(start);
  let calendarDays = 0;
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    calendarDays++;
    if (isBusinessDay(date)) left--;
  }
  return new Date(start.getTime() + calendarDays * DAY_MS);
}
