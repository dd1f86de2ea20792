import type { Question, SessionInfo } from '../api/types.js';
import { MAX_FREE_RERECORDS, type InterviewState } from './state.js';

/** Seconds before the limit from which the time warning (and the extension) is shown. */
export const TIME_WARNING_SECONDS = 20;

/** The last seconds of think time show a 3-2-1 cue before recording starts by itself. */
export const START_CUE_SECONDS = 3;

/** Questions still to answer: every question without a committed answer, in order (resume). */
export function pendingQuestionIds(session: SessionInfo): string[] {
  const answered = new Set(session.answers.filter((a) => a.status === 'committed').map((a) => a.questionId));
  return session.questions.filter((q) => !answered.has(q.id)).map((q) => q.id);
}

export function hasRecordingConsent(session: SessionInfo): boolean {
  if (session.status === 'consented' || session.status === 'in_progress') return true;
  return session.consent?.recording === true;
}

export function currentQuestion(state: InterviewState): Question | null {
  const id = state.pending[0];
  if (id === undefined || !state.session) return null;
  return state.session.questions.find((q) => q.id === id) ?? null;
}

/** The take under review was cut short (page hidden, device lost) and can be recorded again without using a retake. */
export function freeRerecord(state: Pick<InterviewState, 'interruption' | 'freeRerecords'>): boolean {
  return state.interruption !== null && state.freeRerecords < MAX_FREE_RERECORDS;
}

/** Retakes left on the active question (after the take under review). */
export function retakesLeft(state: InterviewState): number {
  const question = activeQuestion(state);
  return question ? Math.max(0, question.maxRetakes + 1 - state.attempt) : 0;
}

/** The question the candidate is on: the practice question while practising, else the first pending one. */
export function activeQuestion(state: Pick<InterviewState, 'practicing' | 'pending' | 'session'>): Question | null {
  if (!state.practicing) return currentQuestion(state as InterviewState);
  const practice = state.session?.practiceQuestion;
  if (!practice) return null;
  // The server applies accommodations to real questions; do the same for the practice one.
  const acc = state.session?.accommodations;
  const multiplier = acc?.timeMultiplier ?? 1;
  return {
    id: 'practice',
    prompt: practice.prompt,
    thinkSeconds: Math.round(practice.thinkSeconds * multiplier),
    answerSeconds: acc?.noTimeLimit ? null : Math.round(practice.answerSeconds * multiplier),
    maxRetakes: Number.POSITIVE_INFINITY,
  };
}

/** 1-based position of the active question in the interview (0 while practising or when none). */
export function questionNumber(state: InterviewState): number {
  if (state.practicing) return 0;
  const id = state.pending[0];
  return id === undefined ? 0 : (state.session?.questions.findIndex((q) => q.id === id) ?? -1) + 1;
}

/** Answers the server has committed (this visit and earlier ones). */
export function committedCount(state: InterviewState): number {
  return (state.session?.questions.length ?? 0) - state.pending.length;
}

/**
 * Overall progress 0..1: committed answers, plus the uploaded fraction of the take being saved
 * (after Stop; while recording the take counts as not started).
 */
export function overallProgress(state: InterviewState): number {
  const total = state.session?.questions.length ?? 0;
  if (total === 0) return state.phase === 'done' ? 1 : 0;
  let current = 0;
  const p = state.progress;
  if (p && p.bytesRecorded > 0 && state.phase !== 'recording' && p.questionId === state.pending[0]) {
    current = p.bytesSent / p.bytesRecorded;
  }
  return Math.min(1, (committedCount(state) + current * 0.99) / total);
}

/** What the candidate is told before consenting: how many questions, how long, think time, retakes. */
export interface InterviewSummary {
  questions: number;
  /** Whole minutes, rounded up: think + answer time of every question, plus a minute each to set up and review. */
  minutes: number;
  /** Longest think time of any question (0: recording starts when the candidate is ready). */
  thinkSeconds: number;
  /** Fewest retakes any question allows (what the candidate can count on). */
  retakes: number;
  /** Some question has no time limit. */
  untimed: boolean;
}

/** Review and setting up each answer takes about a minute on top of its think and answer time. */
const OVERHEAD_PER_QUESTION_S = 60;

export function interviewSummary(session: SessionInfo): InterviewSummary {
  const qs = session.questions;
  const seconds = qs.reduce((sum, q) => sum + q.thinkSeconds + (q.answerSeconds ?? 180) + OVERHEAD_PER_QUESTION_S, 0);
  return {
    questions: qs.length,
    minutes: Math.max(1, Math.ceil(seconds / 60)),
    thinkSeconds: Math.max(0, ...qs.map((q) => q.thinkSeconds)),
    retakes: qs.length === 0 ? 0 : Math.min(...qs.map((q) => q.maxRetakes)),
    untimed: qs.some((q) => q.answerSeconds === null),
  };
}

/** Time of the running answer: elapsed and (with a limit) left, in whole seconds. */
export function answerClock(state: InterviewState, now = Date.now()): { elapsed: number; left: number | null; limit: number | null } {
  const elapsedMs = state.recordingStartedAt === null ? 0 : Math.max(0, now - state.recordingStartedAt);
  const limitMs = state.timer?.limitMs ?? null;
  return {
    elapsed: Math.floor(elapsedMs / 1000),
    left: limitMs === null ? null : Math.max(0, Math.ceil((limitMs - elapsedMs) / 1000)),
    limit: limitMs === null ? null : Math.round(limitMs / 1000),
  };
}

/** Seconds of think time left while a countdown runs (null: none). */
export function thinkSecondsLeft(state: InterviewState, now = Date.now()): number | null {
  if (state.phase !== 'ready' || state.thinkEndsAt === null || state.captureMode !== 'recorder') return null;
  return Math.max(0, Math.ceil((state.thinkEndsAt - now) / 1000));
}

/** The time warning shows (and "More time" is offered) in the last `TIME_WARNING_SECONDS` of a limited answer. */
export function timeWarningShown(state: InterviewState, now = Date.now()): boolean {
  const { left } = answerClock(state, now);
  return state.phase === 'recording' && left !== null && left <= TIME_WARNING_SECONDS;
}
