import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConsentChoices, Question, SessionInfo } from '../api/types.js';
import type { CandidErrorInfo } from '../errors.js';

/**
 * Phases of an interview, in the order a candidate normally meets them:
 * - `loading`: fetching the session (also after "Try again")
 * - `consent`: the notice and the consent choices are shown
 * - `declined`: the candidate declined recording (terminal for this visit)
 * - `permission`: asking for camera and microphone
 * - `ready`: preview visible, waiting for "Record" on the current question
 * - `recording`: MediaRecorder running, chunks streaming to the server
 * - `finishing`: flushing the upload and committing the answer (or completing the session)
 * - `done`: session completed
 * - `error`: something failed; `error.recoverable` says whether "Try again" can help
 */
export type Phase =
  | 'loading'
  | 'consent'
  | 'declined'
  | 'permission'
  | 'ready'
  | 'recording'
  | 'finishing'
  | 'done'
  | 'error';

/** Which phase may follow which. Only store actions move along these edges. */
export const TRANSITIONS: Readonly<Record<Phase, readonly Phase[]>> = {
  loading: ['consent', 'permission', 'finishing', 'done', 'error'],
  consent: ['permission', 'declined', 'error'],
  declined: ['error'],
  permission: ['ready', 'error'],
  ready: ['recording', 'error'],
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
  /** Bytes the server has confirmed. */
  bytesSent: number;
  /** Bytes MediaRecorder has produced for this take. */
  bytesRecorded: number;
}

export interface InterviewState {
  phase: Phase;
  session: SessionInfo | null;
  /** Ids of the questions still to answer, in interview order (the current one first). */
  pending: readonly string[];
  /** Attempt number of the current take (1-based). */
  attempt: number;
  /** `Date.now()` when the current recording started. */
  recordingStartedAt: number | null;
  progress: UploadProgress | null;
  consent: ConsentChoices | null;
  /** A request triggered by the candidate is in flight (buttons are disabled meanwhile). */
  busy: boolean;
  error: CandidErrorInfo | null;
}

export interface InterviewActions {
  /** Back to the initial `loading` state (new token or endpoint). Always allowed. */
  reset(): void;
  sessionLoaded(session: SessionInfo): boolean;
  consentSubmitting(): boolean;
  consentGiven(choices: ConsentChoices): boolean;
  consentDeclined(choices: ConsentChoices): boolean;
  cameraReady(): boolean;
  recordingStarted(now?: number): boolean;
  recordingStopped(): boolean;
  progressed(progress: UploadProgress): void;
  answerCommitted(questionId: string): boolean;
  completed(): boolean;
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
  recordingStartedAt: null,
  progress: null,
  consent: null,
  busy: false,
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

    sessionLoaded: (session) => {
      const pending = pendingQuestionIds(session);
      const base = { session, pending, attempt: 1, error: null, busy: false };
      if (session.status === 'completed') return go('done', { ...base, pending: [] });
      if (!hasRecordingConsent(session)) return go('consent', base);
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

    cameraReady: () => (getState().pending.length > 0 ? go('ready') : false),

    recordingStarted: (now = Date.now()) => {
      const state = getState();
      const questionId = state.pending[0];
      if (questionId === undefined) return false;
      return go('recording', {
        recordingStartedAt: now,
        progress: { questionId, bytesSent: 0, bytesRecorded: 0 },
      });
    },
    recordingStopped: () => go('finishing'),

    progressed: (progress) => {
      const { phase, pending } = getState();
      if ((phase !== 'recording' && phase !== 'finishing') || pending[0] !== progress.questionId) return;
      setState({ progress: { ...progress } });
    },

    answerCommitted: (questionId) => {
      const state = getState();
      if (state.phase !== 'finishing' || state.pending[0] !== questionId) return false;
      const pending = state.pending.slice(1);
      const patch = { pending, attempt: 1, recordingStartedAt: null, progress: null };
      if (pending.length > 0) return go('ready', patch);
      setState(patch); // stay in `finishing` while the session is completed
      return true;
    },

    completed: () => (getState().pending.length === 0 ? go('done', { busy: false }) : false),

    failed: (error) => go('error', { error: { ...error }, busy: false }),

    retry: () => {
      const { error } = getState();
      if (!error?.recoverable) return false;
      return go('loading', { error: null, recordingStartedAt: null, progress: null });
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
