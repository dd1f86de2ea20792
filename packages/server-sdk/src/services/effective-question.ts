import type { Accommodations, Question } from '../types.js';

export const NO_ACCOMMODATIONS: Accommodations = { timeMultiplier: 1, noTimeLimit: false, extraRetakes: 0, audioOnly: false };

/** A question as this candidate experiences it, after their accommodations. */
export interface EffectiveQuestion extends Question {
  /** Null when the candidate has no time limit. */
  answerSeconds: number;
  timeLimited: boolean;
}

export function effectiveQuestion(question: Question, accommodations: Accommodations): EffectiveQuestion {
  const multiplier = accommodations.timeMultiplier;
  return {
    ...question,
    thinkSeconds: Math.ceil(question.thinkSeconds * multiplier),
    answerSeconds: Math.ceil(question.answerSeconds * multiplier),
    maxRetakes: question.maxRetakes + accommodations.extraRetakes,
    timeLimited: !accommodations.noTimeLimit,
  };
}

/** The largest take this question may produce: answer time times a generous bitrate, plus slack. */
export function maxAnswerBytes(question: EffectiveQuestion, bytesPerSecond: number, hardLimit: number): number {
  if (!question.timeLimited) return hardLimit;
  return Math.min(hardLimit, question.answerSeconds * bytesPerSecond + 5_000_000);
}
