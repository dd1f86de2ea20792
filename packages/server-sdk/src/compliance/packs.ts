/**
 * Jurisdiction packs as data (compliance.md §2.1, §2.4, §2.7): what the consent screen must show
 * (notice item ids C1–C16), which choices block what, retention floors and ceilings, minimum age.
 * No code path branches on a pack id: the resolver combines packs, the services read the result.
 * Not legal advice; the sources are in compliance.md.
 */

/** Notice items of compliance.md §2.1. */
export const NOTICE_ITEMS = {
  C1: 'Employer identity and contact, DPO/EU representative; ATS named as processor',
  C2: 'AI may analyze your recorded answers to assess your fitness for this role',
  C3: 'How it works: audio → transcript → answers scored against a job rubric; video images not analyzed',
  C4: 'Competencies/qualifications evaluated, per question',
  C5: 'What the AI does not do: no facial analysis, emotion inference, voice biometrics, identification',
  C6: 'The score is a recommendation; a person decides; how scores are used',
  C7: 'Purposes and legal basis per purpose',
  C8: 'Recipients and transfer safeguards',
  C9: 'Retention per data type plus a policy link',
  C10: 'Rights: access, rectify, erase, restrict, object, port, withdraw, complain, opt-out, human review, explanation',
  C11: 'Request an alternative process, accommodation or more time',
  C12: 'Bias-audit summary URL and distribution date',
  C13: 'Whether participation is required, and what happens if you decline',
  C14: 'Separate unticked boxes for AI evaluation, recording and product improvement',
  C15: 'Minimum-age confirmation',
  C16: 'Plain language in the job’s language; accessible',
} as const;
export type NoticeItem = keyof typeof NOTICE_ITEMS;

/** Data types with a retention period, in days (interview `retention` fields). */
export type RetentionType = 'mediaDays' | 'evaluationDays' | 'incompleteUploadDays';

export interface RetentionBounds {
  /** Keep at least this long (a legal record-keeping duty). */
  min?: number;
  /** Keep at most this long (minimization, a deletion deadline). */
  max?: number;
}

export interface JurisdictionPack {
  id: JurisdictionId;
  name: string;
  /** Bumped whenever the pack's content changes; recorded with the resolved policy. */
  version: string;
  requiredNotice: NoticeItem[];
  /** Processing that needs its own consent choice; declining blocks it (never the interview). */
  consentGates: Array<'aiEvaluation' | 'recording'>;
  /** Scoring waits this many business days after the notice was delivered (NYC LL144). */
  scoringDelayBusinessDays: number;
  /** Whether a decision may be taken by the AI alone (GDPR Art. 22: no). Candid never does it by default. */
  automatedDecisionAllowed: boolean;
  retention: Partial<Record<RetentionType, RetentionBounds>>;
  /** Minimum age the candidate must confirm. */
  minimumAge: number;
  /** Days within which an erasure request must be completed. */
  erasureDeadlineDays: number;
  /** Days within which an access/export request must be answered. */
  accessDeadlineDays: number;
  sources: string[];
}

export const JURISDICTION_IDS = ['EU', 'UK', 'IL', 'NYC', 'CA', 'CO'] as const;
export type JurisdictionId = (typeof JURISDICTION_IDS)[number];

const ALL_NOTICE: NoticeItem[] = Object.keys(NOTICE_ITEMS) as NoticeItem[];
const EU_NOTICE = ALL_NOTICE.filter((c) => c !== 'C12');

const euLike = (id: 'EU' | 'UK', name: string): JurisdictionPack => ({
  id,
  name,
  version: '2026-11',
  requiredNotice: EU_NOTICE,
  consentGates: ['aiEvaluation', 'recording'],
  scoringDelayBusinessDays: 0,
  automatedDecisionAllowed: false,
  // Minimization (GDPR 5(1)(e)) with the defaults of §2.4 as ceilings.
  retention: { mediaDays: { max: 365 }, evaluationDays: { max: 730 }, incompleteUploadDays: { max: 1 } },
  minimumAge: 16,
  erasureDeadlineDays: 30,
  accessDeadlineDays: 30,
  sources: ['GDPR Arts 7, 12, 13, 17, 18, 21, 22', 'AI Act Arts 5(1)(f), 26, 86'],
});

export const PACKS: Readonly<Record<JurisdictionId, JurisdictionPack>> = {
  EU: euLike('EU', 'European Union (GDPR, AI Act)'),
  UK: euLike('UK', 'United Kingdom (UK GDPR)'),
  IL: {
    id: 'IL',
    name: 'Illinois (AIVIA 820 ILCS 42, IHRA)',
    version: '2026-11',
    requiredNotice: ['C2', 'C3', 'C4', 'C5', 'C14'],
    // §5: no AI evaluation without consent: the AI choice is a gate of its own.
    consentGates: ['aiEvaluation'],
    scoringDelayBusinessDays: 0,
    automatedDecisionAllowed: true,
    retention: {},
    minimumAge: 16,
    // §15: delete within 30 days of a request, backups included.
    erasureDeadlineDays: 30,
    accessDeadlineDays: 45,
    sources: ['820 ILCS 42/5, /10, /15, /20', 'HB 3773'],
  },
  NYC: {
    id: 'NYC',
    name: 'New York City (Local Law 144)',
    version: '2026-11',
    requiredNotice: ['C2', 'C4', 'C9', 'C11', 'C12'],
    consentGates: [],
    // Notice at least 10 business days before the AEDT is used.
    scoringDelayBusinessDays: 10,
    automatedDecisionAllowed: true,
    retention: {},
    minimumAge: 16,
    erasureDeadlineDays: 45,
    accessDeadlineDays: 45,
    sources: ['NYC Admin. Code §20-870 ff.', '6 RCNY §5-300 ff.'],
  },
  CA: {
    id: 'CA',
    name: 'California (CCPA ADMT rules, FEHA ADS rules)',
    version: '2026-11',
    requiredNotice: ['C2', 'C3', 'C6', 'C10', 'C11'],
    consentGates: [],
    scoringDelayBusinessDays: 0,
    automatedDecisionAllowed: false,
    // FEHA: keep automated-decision system data four years.
    retention: { mediaDays: { min: 1461 }, evaluationDays: { min: 1461 } },
    minimumAge: 16,
    erasureDeadlineDays: 45,
    accessDeadlineDays: 45,
    sources: ['Cal. Code Regs. tit. 11 §7200 ff. (ADMT)', 'Cal. Code Regs. tit. 2 §11008 ff. (FEHA ADS)'],
  },
  CO: {
    id: 'CO',
    name: 'Colorado (SB 26-189, from 2027)',
    version: '2026-11',
    requiredNotice: ['C2', 'C3', 'C6', 'C10'],
    consentGates: [],
    scoringDelayBusinessDays: 0,
    automatedDecisionAllowed: true,
    // Records kept at least three years.
    retention: { evaluationDays: { min: 1096 } },
    minimumAge: 16,
    erasureDeadlineDays: 45,
    accessDeadlineDays: 45,
    sources: ['SB 26-189'],
  },
};

/** Applies everywhere, with or without a pack (compliance.md §2.1 C14/C15, §2.4). */
export const BASELINE = {
  requiredNotice: ['C2', 'C3', 'C5', 'C6', 'C14', 'C15'] as NoticeItem[],
  consentGates: ['aiEvaluation', 'recording'] as Array<'aiEvaluation' | 'recording'>,
  minimumAge: 16,
  retention: { mediaDays: { min: 1, max: 3650 }, evaluationDays: { min: 1, max: 3650 }, incompleteUploadDays: { min: 1, max: 30 } } as Record<RetentionType, Required<RetentionBounds>>,
};
