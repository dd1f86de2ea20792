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
 * - `ready`: waiting for "Record" on the current question
 * - `recording`: MediaRecorder running, chunks journaled and streamed to the server
 * - `finishing`: flushing the upload and committing the answer (or completing the session)
 * - `done`: session completed
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
  | 'ready'
  | 'recording'
  | 'finishing'
  | 'done'
  | 'error';

/** Which phase may follow which. Only store actions move along these edges. */
export const TRANSITIONS: Readonly<Record<Phase, readonly Phase[]>> = {
  loading: ['consent', 'resuming', 'permission', 'finishing', 'done', 'error'],
  consent: ['permission', 'declined', 'error'],
  declined: ['error'],
  resuming: ['interrupted', 'permission', 'finishing', 'error'],
  interrupted: ['resuming', 'permission', 'error'],
  permission: ['check', 'ready', 'error'],
  check: ['ready', 'error'],
  ready: ['recording', 'finishing', 'error'],
  recording: ['finishing', 'error'],
  finishing: ['ready', 'done', 'error'],
  done: [],
  error: ['loading'],
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
}

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
  /** No MediaRecorder: questions are answered by uploading a file. */
  fileCaptureReady(): boolean;
  checkDone(): boolean;
  connectionChecked(check: ConnectionCheck): void;
  recordingStarted(now?: number): boolean;
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
    checkDone: () => go('ready'),
    connectionChecked: (check) => setState({ connectionCheck: { ...check } }),

    recordingStarted: (now = Date.now()) => {
      const state = getState();
      const questionId = state.pending[0];
      if (questionId === undefined) return false;
      return go('recording', {
        recordingStartedAt: now,
        progress: { questionId, attempt: state.attempt, bytesSent: 0, bytesRecorded: 0 },
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
      if ((phase !== 'recording' && phase !== 'finishing' && phase !== 'resuming') || pending[0] !== progress.questionId) return;
      setState({ progress: { ...progress } });
    },

    answerCommitted: (questionId) => {
      const state = getState();
      if ((state.phase !== 'finishing' && state.phase !== 'resuming') || state.pending[0] !== questionId) return false;
      const pending = state.pending.slice(1);
      const patch = { pending, attempt: 1, recordingStartedAt: null, progress: null, interrupted: null };
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
