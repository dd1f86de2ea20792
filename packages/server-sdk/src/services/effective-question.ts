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
/** The widget's "+1 min" extensions (WCAG 2.2.1): at most this many of this many seconds each. */
export const MAX_TIME_EXTENSIONS = 10;
export const TIME_EXTENSION_SECONDS = 60;

export function maxAnswerBytes(question: EffectiveQuestion, bytesPerSecond: number, hardLimit: number, allowTimeExtension = true): number {
  if (!question.timeLimited) return hardLimit;
  // A candidate who extends every time must still fit: the cap follows the longest possible take.
  const seconds = question.answerSeconds + (allowTimeExtension ? MAX_TIME_EXTENSIONS * TIME_EXTENSION_SECONDS : 0);
  return Math.min(hardLimit, seconds * bytesPerSecond + 5_000_000);
}
