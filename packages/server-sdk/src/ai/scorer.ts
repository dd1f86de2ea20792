import { createHash } from 'node:crypto';
import type OpenAI from 'openai';
import type { Competency, Question } from '../types.js';
import { verifyQuotes } from './evidence.js';

/** The rubric scale when a competency gives no anchors of its own. */
export const DEFAULT_ANCHORS = [
  { level: 1, description: 'No relevant evidence in the answer.' },
  { level: 2, description: 'Some relevant evidence, general or incomplete.' },
  { level: 3, description: 'Clear, relevant evidence with a concrete example.' },
  { level: 4, description: 'Strong, specific evidence: concrete actions, reasoning and outcome.' },
];

export const SCORING_PROMPT = `You assist a human recruiter by evaluating the written transcripts of a candidate's recorded interview answers against a rubric.
Rules:
- Evaluate only the content of what was said, as written in the transcript. You receive no audio, images or video. Never infer or mention the candidate's voice, accent, appearance, face, emotions, personality, age, gender, ethnicity, health or any other personal characteristic.
- For every competency of every question, choose the rubric level whose anchor the answer best matches. If the transcript gives no evidence for a competency, choose the lowest level and say so.
- Support each level with evidence: short quotes copied exactly, word for word, from that question's transcript. Never paraphrase inside a quote. Use an empty list when there is nothing to quote.
- Transcripts come from speech recognition: do not penalise grammar, filler words, repetitions or disfluency.
- Your output is a recommendation for a human reviewer, who makes every decision. Set human_review_required to true.`;

/** Version of the prompt as sent: a name plus a hash, so a changed prompt is a new version. */
export const PROMPT_VERSION = `score-v1-${createHash('sha256').update(SCORING_PROMPT).digest('hex').slice(0, 12)}`;

export interface RubricItem {
  questionId: string;
  prompt: string;
  competencies: Array<Competency & { anchors: Array<{ level: number; description: string }> }>;
}

export interface CompetencyScore {
  questionId: string;
  competencyId: string;
  level: number;
  rationale: string;
  /** Quotes that were found in the transcript. */
  evidence: string[];
  /** Quotes the model gave that are NOT in the transcript (dropped from evidence). */
  rejectedEvidence: string[];
}

export interface Evaluation {
  model: string;
  promptVersion: string;
  rubricVersion: string;
  summary: string;
  scores: CompetencyScore[];
  humanReviewRequired: true;
}

/** The rubric the model sees: questions, competencies and their level anchors (no candidate data). */
export function buildRubric(questions: Question[]): RubricItem[] {
  return questions
    .filter((q) => q.competencies.length > 0)
    .map((q) => ({
      questionId: q.id,
      prompt: q.prompt,
      competencies: q.competencies.map((c) => ({ ...c, anchors: c.anchors && c.anchors.length > 0 ? c.anchors : DEFAULT_ANCHORS })),
    }));
}

export function rubricVersion(rubric: RubricItem[]): string {
  return `rubric-${createHash('sha256').update(JSON.stringify(rubric)).digest('hex').slice(0, 12)}`;
}

const RESPONSE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['scores', 'summary', 'human_review_required'],
  properties: {
    scores: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['questionId', 'competencyId', 'level', 'rationale', 'evidence'],
        properties: {
          questionId: { type: 'string' },
          competencyId: { type: 'string' },
          level: { type: 'integer' },
          rationale: { type: 'string' },
          evidence: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    summary: { type: 'string' },
    human_review_required: { type: 'boolean', enum: [true] },
  },
} as const;

/** Rubric scoring with JSON-schema structured output; every quote is checked against the transcript. */
export class Scorer {
  constructor(
    private readonly client: OpenAI,
    private readonly model: string,
  ) {}

  /** `transcripts` maps question id → transcript text. Only text and the rubric are sent. */
  async score(rubric: RubricItem[], transcripts: Map<string, string>): Promise<Evaluation> {
    const questions = rubric.map((item) => ({ ...item, transcript: transcripts.get(item.questionId) ?? '' }));
    const completion = await this.client.chat.completions.create({
      model: this.model,
      temperature: 0,
      messages: [
        { role: 'system', content: SCORING_PROMPT },
        { role: 'user', content: JSON.stringify({ questions }) },
      ],
      response_format: { type: 'json_schema', json_schema: { name: 'candid_evaluation', strict: true, schema: RESPONSE_SCHEMA } },
    });
    const content = completion.choices[0]?.message?.content;
    if (!content) throw new Error('The scoring model returned no content.');
    const parsed = JSON.parse(content) as { scores: Array<Omit<CompetencyScore, 'rejectedEvidence'>>; summary: string };
    return {
      model: completion.model || this.model,
      promptVersion: PROMPT_VERSION,
      rubricVersion: rubricVersion(rubric),
      summary: parsed.summary,
      scores: checkScores(rubric, parsed.scores, transcripts),
      humanReviewRequired: true,
    };
  }
}

/** Exactly one score per rubric cell, each level on its scale, evidence verified verbatim. */
function checkScores(rubric: RubricItem[], raw: Array<Omit<CompetencyScore, 'rejectedEvidence'>>, transcripts: Map<string, string>): CompetencyScore[] {
  const out: CompetencyScore[] = [];
  for (const item of rubric) {
    for (const competency of item.competencies) {
      const matches = raw.filter((s) => s.questionId === item.questionId && s.competencyId === competency.id);
      if (matches.length !== 1) throw new Error(`The scoring model returned ${matches.length} scores for ${item.questionId}/${competency.id}, expected 1.`);
      const score = matches[0]!;
      const levels = competency.anchors.map((a) => a.level);
      if (!levels.includes(score.level)) throw new Error(`The scoring model chose level ${score.level} for ${item.questionId}/${competency.id}, not one of ${levels.join(', ')}.`);
      const { verified, rejected } = verifyQuotes(score.evidence, transcripts.get(item.questionId) ?? '');
      out.push({ questionId: item.questionId, competencyId: competency.id, level: score.level, rationale: score.rationale, evidence: verified, rejectedEvidence: rejected });
    }
  }
  return out;
}
