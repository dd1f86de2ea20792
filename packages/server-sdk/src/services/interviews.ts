import type { Database } from '../db/database.js';
import { CandidError } from '../errors.js';
import { isWellFormedId, newId } from '../ids.js';
import type { Employer, Interview, InterviewFlow, InterviewInput, Notice, PracticeQuestion, Question, RetentionSettings } from '../types.js';
import { effectiveEmployer, parseEmployer } from '../employer.js';
import { Validator } from '../validation.js';
import { JURISDICTION_IDS, type JurisdictionId, type RetentionType } from '../compliance/packs.js';
import { assertNoticeCovers, NOTICE_SECTION_IDS, type NoticeSectionId } from '../compliance/disclosure.js';
import { applyRetentionBounds, isJurisdictionId, resolvePolicy } from '../compliance/policy.js';

const SLUG = /^[A-Za-z0-9_-]{1,64}$/;
const SLUG_HINT = 'must be 1-64 letters, digits, "_" or "-"';
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export const DEFAULT_RETENTION: RetentionSettings = { mediaDays: 365, evaluationDays: 730, incompleteUploadDays: 1 };
export const DEFAULT_FLOW: InterviewFlow = { introVideoUrl: null, introCaptionsUrl: null, allowTimeExtension: true, minimumAge: 16 };

const INTERVIEW_FIELDS = ['title', 'locale', 'questions', 'practiceQuestion', 'notice', 'retention', 'flow', 'jurisdictions', 'employer'] as const;
const QUESTION_FIELDS = ['id', 'prompt', 'thinkSeconds', 'answerSeconds', 'maxRetakes', 'competencies', 'promptVideoUrl', 'captionsUrl'] as const;

interface InterviewRow {
  id: string;
  title: string;
  locale: string;
  questions: Question[];
  practice_question: PracticeQuestion | null;
  notice: Notice | null;
  retention: Partial<RetentionSettings>;
  flow: Partial<InterviewFlow> | null;
  jurisdictions?: JurisdictionId[] | null;
  /** Migration 9; null for interviews created before it, or without an employer of their own. */
  employer?: Employer | null;
  created_at: Date;
}

function toInterview(row: InterviewRow): Interview {
  return {
    id: row.id,
    title: row.title,
    locale: row.locale,
    // Rows written before a field existed get its default.
    questions: row.questions.map((q) => ({ ...q, promptVideoUrl: q.promptVideoUrl ?? null, captionsUrl: q.captionsUrl ?? null })),
    practiceQuestion: row.practice_question,
    notice: row.notice,
    retention: { ...DEFAULT_RETENTION, ...row.retention },
    flow: { ...DEFAULT_FLOW, ...row.flow },
    jurisdictions: row.jurisdictions ?? [],
    employer: row.employer ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

function parseQuestion(v: Validator, raw: unknown, at: string): Question {
  const q = v.object(raw, at, QUESTION_FIELDS);
  const competencyIds = new Set<string>();
  const competencies = (q.competencies === undefined ? [] : v.array(q.competencies, `${at}/competencies`, 0, 20)).map((c, ci) => {
    const where = `${at}/competencies/${ci}`;
    const comp = v.object(c, where, ['id', 'description', 'anchors']);
    const id = v.string(comp.id, `${where}/id`, { pattern: SLUG, patternHint: SLUG_HINT });
    if (competencyIds.has(id)) v.fail(`${where}/id`, 'must be unique within the question');
    competencyIds.add(id);
    const levels = new Set<number>();
    const anchors = (comp.anchors === undefined ? [] : v.array(comp.anchors, `${where}/anchors`, 2, 10)).map((a, ai) => {
      const anchor = v.object(a, `${where}/anchors/${ai}`, ['level', 'description']);
      const level = v.integer(anchor.level, `${where}/anchors/${ai}/level`, 0, 10);
      if (levels.has(level)) v.fail(`${where}/anchors/${ai}/level`, 'must be unique within the competency');
      levels.add(level);
      return { level, description: v.string(anchor.description, `${where}/anchors/${ai}/description`, { max: 1000 }) };
    });
    return { id, description: v.string(comp.description, `${where}/description`, { max: 2000 }), ...(anchors.length ? { anchors } : {}) };
  });
  const promptVideoUrl = q.promptVideoUrl === undefined || q.promptVideoUrl === null ? null : v.url(q.promptVideoUrl, `${at}/promptVideoUrl`);
  const captionsUrl = q.captionsUrl === undefined || q.captionsUrl === null ? null : v.url(q.captionsUrl, `${at}/captionsUrl`);
  if (promptVideoUrl && !captionsUrl) v.fail(`${at}/captionsUrl`, 'is required when promptVideoUrl is set (WebVTT captions, WCAG 1.2.2)');
  return {
    id: v.string(q.id, `${at}/id`, { pattern: SLUG, patternHint: SLUG_HINT }),
    prompt: v.string(q.prompt, `${at}/prompt`, { max: 2000 }),
    thinkSeconds: v.optionalInteger(q.thinkSeconds, `${at}/thinkSeconds`, 0, 600, 30),
    answerSeconds: v.optionalInteger(q.answerSeconds, `${at}/answerSeconds`, 5, 1800, 120),
    maxRetakes: v.optionalInteger(q.maxRetakes, `${at}/maxRetakes`, 0, 10, 1),
    competencies,
    promptVideoUrl,
    captionsUrl,
  };
}

function parseFlow(v: Validator, raw: unknown): InterviewFlow {
  const f = raw === undefined ? {} : v.object(raw, 'flow', ['introVideoUrl', 'introCaptionsUrl', 'allowTimeExtension', 'minimumAge']);
  const introVideoUrl = f.introVideoUrl === undefined || f.introVideoUrl === null ? null : v.url(f.introVideoUrl, 'flow/introVideoUrl');
  const introCaptionsUrl = f.introCaptionsUrl === undefined || f.introCaptionsUrl === null ? null : v.url(f.introCaptionsUrl, 'flow/introCaptionsUrl');
  if (introVideoUrl && !introCaptionsUrl) v.fail('flow/introCaptionsUrl', 'is required when introVideoUrl is set (WebVTT captions, WCAG 1.2.2)');
  return {
    introVideoUrl,
    introCaptionsUrl,
    allowTimeExtension: f.allowTimeExtension === undefined ? DEFAULT_FLOW.allowTimeExtension : v.boolean(f.allowTimeExtension, 'flow/allowTimeExtension'),
    minimumAge: v.optionalInteger(f.minimumAge, 'flow/minimumAge', 13, 21, DEFAULT_FLOW.minimumAge),
  };
}

/** The employer's Markdown per notice item; blank sections are dropped (they cover nothing). */
function parseNoticeSections(v: Validator, raw: unknown): Partial<Record<NoticeSectionId, string>> {
  const input = v.object(raw, 'notice/sections', NOTICE_SECTION_IDS);
  const sections: Partial<Record<NoticeSectionId, string>> = {};
  for (const id of NOTICE_SECTION_IDS) {
    if (input[id] === undefined || input[id] === null) continue;
    const text = v.string(input[id], `notice/sections/${id}`, { max: 20_000, allowEmpty: true });
    if (text.trim()) sections[id] = text;
  }
  return sections;
}

/** Validates an interview definition, listing every field problem at once. */
export function parseInterviewInput(input: unknown): Omit<Interview, 'id' | 'createdAt'> {
  const v = new Validator();
  const body = v.object(input, '', INTERVIEW_FIELDS);
  const title = v.string(body.title, 'title', { max: 200 });
  const locale = v.optionalString(body.locale, 'locale', { max: 35, pattern: LOCALE, patternHint: 'must be a BCP 47 tag such as en or pt-BR' }) ?? 'en';
  const seen = new Set<string>();
  const questions = v.array(body.questions, 'questions', 1, 50).map((raw, index) => {
    const question = parseQuestion(v, raw, `questions/${index}`);
    if (question.id && seen.has(question.id)) v.fail(`questions/${index}/id`, 'must be unique within the interview');
    seen.add(question.id);
    return question;
  });

  let practiceQuestion: PracticeQuestion | null = null;
  if (body.practiceQuestion !== undefined && body.practiceQuestion !== null) {
    const p = v.object(body.practiceQuestion, 'practiceQuestion', ['prompt', 'thinkSeconds', 'answerSeconds']);
    practiceQuestion = {
      prompt: v.string(p.prompt, 'practiceQuestion/prompt', { max: 2000 }),
      thinkSeconds: v.optionalInteger(p.thinkSeconds, 'practiceQuestion/thinkSeconds', 0, 600, 30),
      answerSeconds: v.optionalInteger(p.answerSeconds, 'practiceQuestion/answerSeconds', 5, 1800, 60),
    };
  }

  let notice: Notice | null = null;
  if (body.notice !== undefined && body.notice !== null) {
    const n = v.object(body.notice, 'notice', ['version', 'markdown', 'sections']);
    notice = {
      version: v.string(n.version, 'notice/version', { max: 64 }),
      // With sections the free-text part may be empty: the structured items carry the notice.
      markdown: n.markdown === undefined && n.sections !== undefined ? '' : v.string(n.markdown, 'notice/markdown', { max: 100_000, allowEmpty: n.sections !== undefined }),
    };
    if (n.sections !== undefined) notice.sections = parseNoticeSections(v, n.sections);
  }

  const r = body.retention === undefined ? {} : v.object(body.retention, 'retention', ['mediaDays', 'evaluationDays', 'incompleteUploadDays']);
  const retention: RetentionSettings = {
    mediaDays: v.optionalInteger(r.mediaDays, 'retention/mediaDays', 1, 3650, DEFAULT_RETENTION.mediaDays),
    evaluationDays: v.optionalInteger(r.evaluationDays, 'retention/evaluationDays', 1, 3650, DEFAULT_RETENTION.evaluationDays),
    incompleteUploadDays: v.optionalInteger(r.incompleteUploadDays, 'retention/incompleteUploadDays', 1, 30, DEFAULT_RETENTION.incompleteUploadDays),
  };
  const flow = parseFlow(v, body.flow);
  const jurisdictions = (body.jurisdictions === undefined ? [] : v.array(body.jurisdictions, 'jurisdictions', 0, JURISDICTION_IDS.length)).filter((j, i) => {
    if (isJurisdictionId(j)) return true;
    v.fail(`jurisdictions/${i}`, `must be one of ${JURISDICTION_IDS.join(', ')}`);
    return false;
  }) as JurisdictionId[];
  const employer = body.employer === undefined || body.employer === null ? null : parseEmployer(v, body.employer, 'employer');
  v.done();
  // The strictest pack wins; retention outside its bounds is refused (defaults are moved inside).
  const explicit = new Set((['mediaDays', 'evaluationDays', 'incompleteUploadDays'] as RetentionType[]).filter((t) => r[t] !== undefined && r[t] !== null));
  const policy = resolvePolicy(jurisdictions);
  const bounded = applyRetentionBounds(policy, retention, explicit);
  assertNoticeCovers({ questions, notice, jurisdictions }, policy);
  return { title, locale, questions, practiceQuestion, notice, retention: bounded, flow, jurisdictions: [...new Set(jurisdictions)], employer };
}

/** Interviews are immutable once created, so every instance may cache them without going stale. */
const CACHE_SIZE = 500;

export class InterviewService {
  readonly #cache = new Map<string, Interview>();

  /** `defaultEmployer`: `createCandid({ employer })`, for interviews without one of their own. */
  constructor(
    private readonly db: Database,
    private readonly defaultEmployer: Employer | null = null,
  ) {}

  /** Who the candidate is told is asking (see `effectiveEmployer`); null when nobody is named. */
  employerOf(interview: Pick<Interview, 'employer'>): Employer | null {
    return effectiveEmployer(interview.employer, this.defaultEmployer);
  }

  async create(input: InterviewInput): Promise<Interview> {
    const parsed = parseInterviewInput(input);
    const { rows } = await this.db.query<InterviewRow>(
      `insert into interviews (id, title, locale, questions, practice_question, notice, retention, flow, jurisdictions, employer)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning *`,
      [
        newId('int'),
        parsed.title,
        parsed.locale,
        JSON.stringify(parsed.questions),
        parsed.practiceQuestion ? JSON.stringify(parsed.practiceQuestion) : null,
        parsed.notice ? JSON.stringify(parsed.notice) : null,
        JSON.stringify(parsed.retention),
        JSON.stringify(parsed.flow),
        JSON.stringify(parsed.jurisdictions),
        parsed.employer ? JSON.stringify(parsed.employer) : null,
      ],
    );
    return toInterview(rows[0]!);
  }

  async get(id: string): Promise<Interview> {
    if (!isWellFormedId(id, 'int')) throw new CandidError('INTERVIEW_NOT_FOUND');
    const cached = this.#cache.get(id);
    if (cached) return cached;
    const { rows } = await this.db.query<InterviewRow>('select * from interviews where id = $1', [id]);
    if (!rows[0]) throw new CandidError('INTERVIEW_NOT_FOUND');
    const interview = toInterview(rows[0]);
    if (this.#cache.size >= CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(id, interview);
    return interview;
  }
}
