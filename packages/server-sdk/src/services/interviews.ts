import type { Database } from '../db/database.js';
import { CandidError } from '../errors.js';
import { newId } from '../ids.js';
import type { Interview, InterviewInput, Notice, Question } from '../types.js';
import { Validator } from '../validation.js';

const QUESTION_ID = /^[A-Za-z0-9_-]{1,64}$/;

interface InterviewRow {
  id: string;
  title: string;
  locale: string;
  questions: Question[];
  notice: Notice | null;
  created_at: Date;
}

function toInterview(row: InterviewRow): Interview {
  return {
    id: row.id,
    title: row.title,
    locale: row.locale,
    questions: row.questions,
    notice: row.notice,
    createdAt: row.created_at.toISOString(),
  };
}

/** Validates an interview definition, listing every field problem at once. */
export function parseInterviewInput(input: unknown): Omit<Interview, 'id' | 'createdAt'> {
  const v = new Validator();
  const body = v.object(input, '');
  const title = v.string(body.title, 'title', { max: 200 });
  const locale = v.optionalString(body.locale, 'locale', { max: 35, pattern: /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, patternHint: 'must be a BCP 47 tag such as en or pt-BR' }) ?? 'en';
  const seen = new Set<string>();
  const questions = v.array(body.questions, 'questions', 1, 50).map((raw, index): Question => {
    const at = `questions/${index}`;
    const q = v.object(raw, at);
    const id = v.string(q.id, `${at}/id`, { pattern: QUESTION_ID, patternHint: 'must be 1-64 letters, digits, "_" or "-"' });
    if (seen.has(id)) v.fail(`${at}/id`, 'must be unique within the interview');
    seen.add(id);
    const competencies = (q.competencies === undefined ? [] : v.array(q.competencies, `${at}/competencies`, 0, 20)).map((c, ci) => {
      const comp = v.object(c, `${at}/competencies/${ci}`);
      return {
        id: v.string(comp.id, `${at}/competencies/${ci}/id`, { pattern: QUESTION_ID }),
        description: v.string(comp.description, `${at}/competencies/${ci}/description`, { max: 2000 }),
      };
    });
    return {
      id,
      prompt: v.string(q.prompt, `${at}/prompt`, { max: 2000 }),
      thinkSeconds: v.optionalInteger(q.thinkSeconds, `${at}/thinkSeconds`, 0, 600, 30),
      answerSeconds: v.optionalInteger(q.answerSeconds, `${at}/answerSeconds`, 5, 1800, 120),
      maxRetakes: v.optionalInteger(q.maxRetakes, `${at}/maxRetakes`, 0, 10, 1),
      competencies,
    };
  });
  let notice: Notice | null = null;
  if (body.notice !== undefined && body.notice !== null) {
    const n = v.object(body.notice, 'notice');
    notice = {
      version: v.string(n.version, 'notice/version', { max: 64 }),
      markdown: v.string(n.markdown, 'notice/markdown', { max: 100_000 }),
    };
  }
  v.done();
  return { title, locale, questions, notice };
}

export class InterviewService {
  constructor(private readonly db: Database) {}

  async create(input: InterviewInput): Promise<Interview> {
    const parsed = parseInterviewInput(input);
    const { rows } = await this.db.query<InterviewRow>(
      `insert into candid.interviews (id, title, locale, questions, notice)
       values ($1, $2, $3, $4, $5) returning *`,
      [newId('int'), parsed.title, parsed.locale, JSON.stringify(parsed.questions), parsed.notice ? JSON.stringify(parsed.notice) : null],
    );
    return toInterview(rows[0]!);
  }

  async get(id: string): Promise<Interview> {
    const { rows } = await this.db.query<InterviewRow>('select * from candid.interviews where id = $1', [id]);
    if (!rows[0]) throw new CandidError('INTERVIEW_NOT_FOUND');
    return toInterview(rows[0]);
  }
}
