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

/** `start` plus `days` business days (Monday–Friday, UTC; public holidays are not modelled). */
export function addBusinessDays(start: Date, days: number): Date {
  const date = new Date(start.getTime());
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    const day = date.getUTCDay();
    if (day !== 0 && day !== 6) left--;
  }
  return date;
}
