import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConsentChoices, Question, SessionInfo } from '../api/types.js';
import type { CandidErrorInfo } from '../errors.js';

/**
 * Phases of an interview, in the order a candidate normally meets them:
 * - `loading`: fetching the session (also after "Try again")
 * - `consent`: the notice and the consent choices are shown
 * - `declined`: the candidate declined recording (terminal for this visit)
 * - `resuming`: finishing takes an earlier visit left in the journal (upload from the server's
 *   offset, commit stopped takes); also while an interrupted take is being kept
 * - `interrupted`: a take was cut mid-recording (reload, crash) and is uploaded; keep or record again?
 * - `permission`: asking for camera and microphone
 * - `check`: device check (preview, mic level, device pickers, connection check)
 * - `intro`: what to expect (optional intro video), practice or start
 * - `ready`: the question is shown; think-time countdown (skippable), then recording starts
 * - `recording`: MediaRecorder running, chunks journaled and streamed to the server
 * - `review`: the take can be watched, submitted, or recorded again (retakes left); its upload
 *   finishes meanwhile. A practice take (`practicing`) is never uploaded.
 * - `finishing`: flushing the upload and committing the answer (or completing the session)
 * - `done`: session completed
 * - `withdrawn`: the candidate withdrew consent (terminal; the device copy is deleted)
 * - `error`: something failed; `error.recoverable` says whether "Try again" can help
 */
export type Phase =
  | 'loading'
  | 'consent'
  | 'declined'
  | 'resuming'
  | 'interrupted'
  | 'permission'
  | 'check'
  | 'intro'
  | 'ready'
  | 'recording'
  | 'review'
  | 'finishing'
  | 'done'
  | 'withdrawn'
  | 'error';

/** Which phase may follow which. Only store actions move along these edges. */
export const TRANSITIONS: Readonly<Record<Phase, readonly Phase[]>> = {
  loading: ['consent', 'resuming', 'permission', 'finishing', 'done', 'withdrawn', 'error'],
  consent: ['permission', 'declined', 'error'],
  declined: ['error'],
  resuming: ['interrupted', 'permission', 'finishing', 'withdrawn', 'error'],
  interrupted: ['resuming', 'permission', 'withdrawn', 'error'],
  permission: ['check', 'ready', 'withdrawn', 'error'],
  check: ['intro', 'withdrawn', 'error'],
  intro: ['ready', 'withdrawn', 'error'],
  ready: ['recording', 'finishing', 'intro', 'withdrawn', 'error'],
  recording: ['review', 'finishing', 'withdrawn', 'error'],
  review: ['ready', 'finishing', 'withdrawn', 'error'],
  finishing: ['ready', 'done', 'error'],
  done: [],
  withdrawn: [],
  error: ['loading', 'withdrawn'],
};

export function canTransition(from: Phase, to: Phase): boolean {
  return TRANSITIONS[from].includes(to);
}

export interface UploadProgress {
  questionId: string;
  /** Attempt of the take being uploaded. */
  attempt?: number;
  /** Bytes the server has confirmed (all tracks of the take). */
  bytesSent: number;
  /** Bytes recorded for this take (all tracks). */
  bytesRecorded: number;
}

/** Result of the device check's upload probe. */
export interface ConnectionCheck {
  status: 'checking' | 'done' | 'failed';
  /** Measured upload rate. */
  bitsPerSecond: number | null;
  /** What the chosen recording quality needs. */
  requiredBitsPerSecond: number;
}

/** A take that was cut mid-recording and has been uploaded as far as it was journaled. */
export interface InterruptedTake {
  questionId: string;
  attempt: number;
  durationMs: number;
  /** Whether "Record again" is allowed (retakes left). */
  canRetake: boolean;
  /**
   * The take was whole (the candidate had stopped it) but not submitted: the page went away during
   * its review. False: recording itself was cut.
   */
  unsubmitted?: boolean;
}

/** The answer time limit of the running take, with the candidate's extensions. */
export interface AnswerTimer {
  /** Limit in ms from the recording start (null: no limit). */
  limitMs: number | null;
  /** Extensions used so far (each adds `TIME_EXTENSION_MS`). */
  extensions: number;
  /** Whether the interview lets the candidate extend (and extensions remain). */
  canExtend: boolean;
}

/** Each extension adds a minute; at least ten are allowed (WCAG 2.2.1). */
export const TIME_EXTENSION_MS = 60_000;
export const MAX_TIME_EXTENSIONS = 10;

export interface InterviewState {
  phase: Phase;
  session: SessionInfo | null;
  /** Ids of the questions still to answer, in interview order (the current one first). */
  pending: readonly string[];
  /** Attempt number of the current take (1-based). */
  attempt: number;
  /** Record audio only (accommodation): no camera. */
  audioOnly: boolean;
  /** `recorder`: MediaRecorder; `file`: no MediaRecorder, the candidate uploads a file from the camera app. */
  captureMode: 'recorder' | 'file';
  /** `Date.now()` when the current recording started. */
  recordingStartedAt: number | null;
  /** The practice question is being answered (nothing is uploaded). */
  practicing: boolean;
  /** `Date.now()` when think time ends and recording starts by itself (null: no countdown). */
  thinkEndsAt: number | null;
  timer: AnswerTimer | null;
  /** Length of the take under review. */
  reviewDurationMs: number | null;
  progress: UploadProgress | null;
  consent: ConsentChoices | null;
  /** A request triggered by the candidate is in flight (buttons are disabled meanwhile). */
  busy: boolean;
  /** `navigator.onLine`. */
  online: boolean;
  /** Requests are failing and being retried. */
  reconnecting: boolean;
  connectionCheck: ConnectionCheck | null;
  interrupted: InterruptedTake | null;
  error: CandidErrorInfo | null;
}

export interface InterviewActions {
  /** Back to the initial `loading` state (new token or endpoint). Always allowed. */
  reset(): void;
  /** `recovering`: the journal holds takes of this session (they are finished first). */
  sessionLoaded(session: SessionInfo, options?: { recovering?: boolean }): boolean;
  consentSubmitting(): boolean;
  consentGiven(choices: ConsentChoices): boolean;
  consentDeclined(choices: ConsentChoices): boolean;
  /** Journal recovery finished: on to the camera (or to completing). `attempt` of the next take. */
  recovered(attempt?: number): boolean;
  takeInterrupted(take: InterruptedTake): boolean;
  /** The candidate keeps the interrupted take (committed next) or records again (next attempt). */
  interruptionResolved(choice: 'keep' | 'retake'): boolean;
  /** Camera and microphone are on: the device check. */
  cameraReady(): boolean;
  /** Intro → the practice question (`practice`) or the first pending question. */
  begin(options: { practice: boolean; thinkSeconds: number; now?: number }): boolean;
  /** The think-time countdown was skipped or ended. */
  thinkDone(): void;
  /** Adds one extension to the running answer's time limit. */
  extendTime(): boolean;
  /** Stop pressed (or time up): the take is reviewed before it is submitted. */
  recordingReviewed(durationMs: number): boolean;
  /** Review → submit (finishing). */
  submitted(): boolean;
  /** Review → record the question again: the next attempt (practice: the same). */
  retake(options: { thinkSeconds?: number; now?: number }): boolean;
  /** The candidate withdrew consent (terminal). */
  withdrew(): boolean;
  /** No MediaRecorder: questions are answered by uploading a file. */
  fileCaptureReady(): boolean;
  checkDone(): boolean;
  connectionChecked(check: ConnectionCheck): void;
  recordingStarted(options?: { now?: number; limitMs?: number | null; canExtend?: boolean }): boolean;
  recordingStopped(): boolean;
  /** A file was picked (file capture): uploading it. */
  fileChosen(): boolean;
  progressed(progress: UploadProgress): void;
  answerCommitted(questionId: string): boolean;
  completed(): boolean;
  network(patch: { online?: boolean; reconnecting?: boolean }): void;
  failed(error: CandidErrorInfo): boolean;
  /** From a recoverable error back to `loading`. */
  retry(): boolean;
}

/** What the element exposes publicly: read and subscribe, never write. */
export type ReadonlyStore<T> = Pick<StoreApi<T>, 'getState' | 'getInitialState' | 'subscribe'>;

export interface InterviewStore {
  store: ReadonlyStore<InterviewState>;
  actions: InterviewActions;
}

export const initialInterviewState = (): InterviewState => ({
  phase: 'loading',
  session: null,
  pending: [],
  attempt: 1,
  audioOnly: false,
  captureMode: 'recorder',
  recordingStartedAt: null,
  practicing: false,
  thinkEndsAt: null,
  timer: null,
  reviewDurationMs: null,
  progress: null,
  consent: null,
  busy: false,
  online: (globalThis.navigator as Navigator | undefined)?.onLine !== false,
  reconnecting: false,
  connectionCheck: null,
  interrupted: null,
  error: null,
});

/** Questions still to answer: every question without a committed answer, in order (resume). */
export function pendingQuestionIds(session: SessionInfo): string[] {
  const answered = new Set(session.answers.filter((a) => a.status === 'committed').map((a) => a.questionId));
  return session.questions.filter((q) => !answered.has(q.id)).map((q) => q.id);
}

function hasRecordingConsent(session: SessionInfo): boolean {
  if (session.status === 'consented' || session.status === 'in_progress') return true;
  return session.consent?.recording === true;
}

export function currentQuestion(state: InterviewState): Question | null {
  const id = state.pending[0];
  if (id === undefined || !state.session) return null;
  return state.session.questions.find((q) => q.id === id) ?? null;
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

export function createInterviewStore(): InterviewStore {
  const api = createStore<InterviewState>()(initialInterviewState);
  const { getState, setState } = api;

  /** Applies `patch` and moves to `to` if the edge exists; otherwise changes nothing. */
  const go = (to: Phase, patch: Partial<InterviewState> = {}): boolean => {
    const from = getState().phase;
    if (!canTransition(from, to)) return false;
    setState({ ...patch, phase: to });
    return true;
  };

  const actions: InterviewActions = {
    reset: () => setState(initialInterviewState(), true),

    sessionLoaded: (session, options = {}) => {
      const pending = pendingQuestionIds(session);
      const base = { session, pending, attempt: 1, audioOnly: session.accommodations?.audioOnly === true, error: null, busy: false };
      if (session.status === 'completed') return go('done', { ...base, pending: [] });
      if (!hasRecordingConsent(session)) return go('consent', base);
      if (options.recovering) return go('resuming', base);
      if (pending.length === 0) return go('finishing', base); // everything answered: complete
      return go('permission', base);
    },

    consentSubmitting: () => {
      if (getState().phase !== 'consent') return false;
      setState({ busy: true });
      return true;
    },
    consentGiven: (choices) => go('permission', { consent: choices, busy: false }),
    consentDeclined: (choices) => go('declined', { consent: choices, busy: false }),

    recovered: (attempt = 1) => {
      const { pending } = getState();
      const patch = { attempt, interrupted: null, progress: null, busy: false };
      return go(pending.length > 0 ? 'permission' : 'finishing', patch);
    },
    takeInterrupted: (take) => go('interrupted', { interrupted: { ...take }, attempt: take.attempt, busy: false }),
    interruptionResolved: (choice) => {
      const { interrupted } = getState();
      if (!interrupted) return false;
      if (choice === 'keep') return go('resuming', { busy: true });
      if (!interrupted.canRetake) return false;
      return go('permission', { attempt: interrupted.attempt + 1, interrupted: null, progress: null });
    },

    cameraReady: () => (getState().pending.length > 0 ? go('check') : false),
    fileCaptureReady: () => (getState().pending.length > 0 ? go('ready', { captureMode: 'file' }) : false),
    checkDone: () => go('intro'),
    begin: ({ practice, thinkSeconds, now = Date.now() }) =>
      go('ready', { practicing: practice, attempt: practice ? 1 : getState().attempt, thinkEndsAt: thinkSeconds > 0 ? now + thinkSeconds * 1000 : null }),
    thinkDone: () => {
      if (getState().thinkEndsAt !== null) setState({ thinkEndsAt: null });
    },
    extendTime: () => {
      const { phase, timer } = getState();
      if (phase !== 'recording' || !timer || timer.limitMs === null || !timer.canExtend) return false;
      const extensions = timer.extensions + 1;
      setState({ timer: { limitMs: timer.limitMs + TIME_EXTENSION_MS, extensions, canExtend: extensions < MAX_TIME_EXTENSIONS } });
      return true;
    },
    recordingReviewed: (durationMs) => go('review', { reviewDurationMs: durationMs }),
    submitted: () => (getState().practicing ? false : go('finishing')),
    retake: ({ thinkSeconds = 0, now = Date.now() }) => {
      const state = getState();
      if (state.phase !== 'review') return false;
      const attempt = state.practicing ? state.attempt : state.attempt + 1;
      return go('ready', { attempt, progress: null, recordingStartedAt: null, timer: null, reviewDurationMs: null, thinkEndsAt: thinkSeconds > 0 ? now + thinkSeconds * 1000 : null });
    },
    withdrew: () => go('withdrawn', { busy: false }),
    connectionChecked: (check) => setState({ connectionCheck: { ...check } }),

    recordingStarted: ({ now = Date.now(), limitMs = null, canExtend = false } = {}) => {
      const state = getState();
      const questionId = state.practicing ? 'practice' : state.pending[0];
      if (questionId === undefined) return false;
      return go('recording', {
        recordingStartedAt: now,
        thinkEndsAt: null,
        timer: { limitMs, extensions: 0, canExtend: canExtend && limitMs !== null },
        progress: state.practicing ? null : { questionId, attempt: state.attempt, bytesSent: 0, bytesRecorded: 0 },
      });
    },
    recordingStopped: () => go('finishing'),
    fileChosen: () => {
      const state = getState();
      const questionId = state.pending[0];
      if (questionId === undefined || state.captureMode !== 'file') return false;
      return go('finishing', { progress: { questionId, attempt: state.attempt, bytesSent: 0, bytesRecorded: 0 } });
    },

    progressed: (progress) => {
      const { phase, pending } = getState();
      if ((phase !== 'recording' && phase !== 'review' && phase !== 'finishing' && phase !== 'resuming') || pending[0] !== progress.questionId) return;
      setState({ progress: { ...progress } });
    },

    answerCommitted: (questionId) => {
      const state = getState();
      if ((state.phase !== 'finishing' && state.phase !== 'resuming') || state.pending[0] !== questionId) return false;
      const pending = state.pending.slice(1);
      const next = state.session?.questions.find((q) => q.id === pending[0]);
      const thinkEndsAt = next && next.thinkSeconds > 0 ? Date.now() + next.thinkSeconds * 1000 : null;
      const patch = { pending, attempt: 1, recordingStartedAt: null, progress: null, interrupted: null, timer: null, reviewDurationMs: null, thinkEndsAt };
      if (state.phase === 'finishing' && pending.length > 0) return go('ready', patch);
      setState(patch); // resuming continues; finishing stays while the session is completed
      return true;
    },

    completed: () => (getState().pending.length === 0 ? go('done', { busy: false }) : false),

    network: (patch) => {
      const state = getState();
      const next = { online: patch.online ?? state.online, reconnecting: patch.reconnecting ?? state.reconnecting };
      if (next.online !== state.online || next.reconnecting !== state.reconnecting) setState(next);
    },

    failed: (error) => go('error', { error: { ...error }, busy: false }),

    retry: () => {
      const { error } = getState();
      if (!error?.recoverable) return false;
      return go('loading', { error: null, recordingStartedAt: null, progress: null, interrupted: null, connectionCheck: null });
    },
  };

  // Hand out only the reading half of the zustand API: nobody outside the actions can write.
  const store: ReadonlyStore<InterviewState> = {
    getState: api.getState,
    getInitialState: api.getInitialState,
    subscribe: api.subscribe,
  };
  return { store, actions };
}
