/**
 * What the consent screen discloses (compliance.md §2.1, items C1–C16) and whether an interview's
 * notice covers what its jurisdictions require.
 *
 * Candid writes the items it knows the facts of (how its AI works, what it never does, retention,
 * rights, the request form): the widget renders them from its translated catalogs. Only the
 * employer knows the rest (who they are, purposes and legal basis, recipients, the bias audit,
 * whether participation is required), so those come from the interview's `notice.sections`.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/canonical-json.js';
import { CandidError } from '../errors.js';
import type { Employer, Interview } from '../types.js';
import { NOTICE_ITEMS, type NoticeItem } from './packs.js';
import { packsRequiring, type ResolvedPolicy } from './policy.js';

/** Items the employer may write a section for (C14–C16 are the consent form itself). */
export const NOTICE_SECTION_IDS = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10', 'C11', 'C12', 'C13'] as const;
export type NoticeSectionId = (typeof NOTICE_SECTION_IDS)[number];

/** Items the widget always shows in Candid's own words, filled with this interview's facts. */
export const STANDARD_ITEMS: readonly NoticeItem[] = ['C2', 'C3', 'C5', 'C6', 'C9', 'C10', 'C11'];
/**
 * Standard items that only describe the AI (C2 its use, C3 how the evaluation works, C5 what it does
 * not do). Left out when no AI runs in this deployment: a notice about an AI that never runs would
 * mislead, and there is nothing to consent to.
 */
export const AI_ONLY_ITEMS: readonly NoticeSectionId[] = ['C2', 'C3', 'C5'];
/** Covered by the consent form itself: separate unticked boxes, the age confirmation, plain language. */
export const FORM_ITEMS: readonly NoticeItem[] = ['C14', 'C15', 'C16'];

/** What the deployment adds to the interview's disclosure. */
export interface DisclosureContext {
  /** Transcription and scoring can run (an OpenAI-compatible API is configured). */
  aiEvaluation: boolean;
  /** Who the candidate is told is asking (the interview's own or the configured default). */
  employer: Employer | null;
}

export interface Disclosure {
  /** Notice items shown as sections, in order (standard, employer-written, or both). */
  items: NoticeSectionId[];
  /** Facts the standard sections state. */
  retention: { mediaDays: number; evaluationDays: number };
  /**
   * SHA-256 of the canonical JSON of everything the consent screen discloses: the employer's notice,
   * the items, the facts, each question's competencies, the interview's locale, the employer named
   * and whether AI evaluation is offered. Together with the widget version and UI locale in the
   * consent record, it pins the exact text the candidate saw.
   */
  sha256: string;
}

const itemNumber = (item: string): number => Number(item.slice(1));
const byNumber = (a: string, b: string): number => itemNumber(a) - itemNumber(b);

/** C4 is Candid's to state only when every question names the competencies it is scored on. */
function competenciesStated(interview: Pick<Interview, 'questions'>): boolean {
  return interview.questions.length > 0 && interview.questions.every((q) => q.competencies.length > 0);
}

/** Items the interview covers: Candid's standard sections, the form, C4 from competencies, and the employer's sections. */
export function coveredItems(interview: Pick<Interview, 'questions' | 'notice'>): Set<NoticeItem> {
  const covered = new Set<NoticeItem>([...STANDARD_ITEMS, ...FORM_ITEMS]);
  if (competenciesStated(interview)) covered.add('C4');
  // Blank sections never reach storage (parseNoticeSections drops them): every key covers its item.
  for (const item of Object.keys(interview.notice?.sections ?? {})) covered.add(item as NoticeItem);
  return covered;
}

/** Required items the interview leaves uncovered, in order. */
export function missingNoticeItems(interview: Pick<Interview, 'questions' | 'notice'>, policy: Pick<ResolvedPolicy, 'requiredNotice'>): NoticeItem[] {
  const covered = coveredItems(interview);
  return policy.requiredNotice.filter((item) => !covered.has(item)).sort(byNumber);
}

/**
 * Refuses an interview whose notice does not cover what its jurisdictions require, naming each
 * missing item, what it must say and which packs ask for it.
 */
export function assertNoticeCovers(interview: Pick<Interview, 'questions' | 'notice' | 'jurisdictions'>, policy: ResolvedPolicy): void {
  const missing = missingNoticeItems(interview, policy);
  if (missing.length === 0) return;
  const issues = missing.map((item) => ({
    path: `notice/sections/${item}`,
    message: `is required by ${packsRequiring(interview.jurisdictions, item).join(', ')}: ${NOTICE_ITEMS[item]}${item === 'C4' ? ' (or give every question its competencies)' : ''}`,
  }));
  throw new CandidError(
    'NOTICE_INCOMPLETE',
    `The notice does not cover ${missing.join(', ')}, which ${interview.jurisdictions.join(', ')} require${interview.jurisdictions.length === 1 ? 's' : ''}. Add them to notice.sections.`,
    { issues },
  );
}

/** The disclosure the consent screen renders for this interview, in this deployment. */
export function disclosureOf(interview: Interview, policy: Pick<ResolvedPolicy, 'requiredNotice'>, context: DisclosureContext): Disclosure {
  const shown = new Set<string>(STANDARD_ITEMS);
  if (interview.questions.some((q) => q.competencies.length > 0)) shown.add('C4');
  for (const item of policy.requiredNotice) shown.add(item);
  const written = Object.keys(interview.notice?.sections ?? {});
  // Without AI, Candid's AI-only sections go (even where a pack lists them: they describe nothing
  // that happens); an employer's own section for one of them stays.
  if (!context.aiEvaluation) for (const item of AI_ONLY_ITEMS) shown.delete(item);
  for (const item of written) shown.add(item);
  const items = [...shown].filter((item): item is NoticeSectionId => (NOTICE_SECTION_IDS as readonly string[]).includes(item)).sort(byNumber);
  const retention = { mediaDays: interview.retention.mediaDays, evaluationDays: interview.retention.evaluationDays };
  const document = {
    notice: interview.notice,
    items,
    retention,
    locale: interview.locale,
    competencies: interview.questions.map((q) => ({ questionId: q.id, competencies: q.competencies.map(({ id, description }) => ({ id, description })) })),
    employer: context.employer,
    aiEvaluation: context.aiEvaluation,
  };
  return { items, retention, sha256: createHash('sha256').update(canonicalJson(document), 'utf8').digest('hex') };
}
