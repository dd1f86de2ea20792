import { createStore } from 'zustand/vanilla';
import type { ConsentChoices, SessionInfo } from '../api/types.js';
import type { CandidErrorInfo } from '../errors.js';
import { freeRerecord, hasRecordingConsent, pendingQuestionIds } from './selectors.js';
import {
  initialInterviewState,
  MAX_TIME_EXTENSIONS,
  TIME_EXTENSION_MS,
  canTransition,
  type ConnectionCheck,
  type InterruptedTake,
  type InterruptionReason,
  type InterviewState,
  type Panel,
  type Phase,
  type ReadonlyStore,
  type UploadProgress,
} from './state.js';

export * from './state.js';
export { committedCount, currentQuestion, overallProgress, pendingQuestionIds } from './selectors.js';

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
  /**
   * Stop pressed (or time up): the take is reviewed before it is submitted. With `interruption`,
   * the recording was cut short: recording it again uses no retake (see `MAX_FREE_RERECORDS`).
   */
  recordingReviewed(durationMs: number, interruption?: InterruptionReason | null): boolean;
  /** Review → submit (finishing). */
  submitted(): boolean;
  /** Review → record the question again: the next attempt (practice, or a take cut short: the same). */
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
  /** Opens a panel over the screen (null closes it). */
  panelOpened(panel: Panel | null): void;
  /** The open panel's request started (true) or ended (false). */
  panelBusy(busy: boolean): void;
  /** The request form was sent: it closes, and a note says so. */
  requestSent(): void;
  /** Shows (or hides) the hint that the required consent boxes are not ticked. */
  consentHint(show: boolean): void;
  deviceSwitch(state: InterviewState['deviceSwitch']): void;
  /** The "we restored your progress" note was seen. */
  restoreNoted(): void;
}

export interface InterviewStore {
  store: ReadonlyStore<InterviewState>;
  actions: InterviewActions;
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
      const restored = options.recovering === true || (pending.length < session.questions.length && session.status !== 'completed');
      const base = { session, pending, attempt: 1, audioOnly: session.accommodations?.audioOnly === true, error: null, busy: false, restored };
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
    recordingReviewed: (durationMs, interruption = null) => go('review', { reviewDurationMs: durationMs, interruption }),
    submitted: () => (getState().practicing ? false : go('finishing')),
    retake: ({ thinkSeconds = 0, now = Date.now() }) => {
      const state = getState();
      if (state.phase !== 'review') return false;
      const free = !state.practicing && freeRerecord(state);
      const attempt = state.practicing || free ? state.attempt : state.attempt + 1;
      const freeRerecords = free ? state.freeRerecords + 1 : 0;
      return go('ready', { attempt, freeRerecords, interruption: null, progress: null, recordingStartedAt: null, timer: null, reviewDurationMs: null, thinkEndsAt: thinkSeconds > 0 ? now + thinkSeconds * 1000 : null });
    },
    withdrew: () => go('withdrawn', { busy: false, panel: null, panelBusy: false }),
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
      const patch = { pending, attempt: 1, freeRerecords: 0, interruption: null, recordingStartedAt: null, progress: null, interrupted: null, timer: null, reviewDurationMs: null, thinkEndsAt };
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

    failed: (error) => go('error', { error: { ...error }, busy: false, panelBusy: false }),

    retry: () => {
      const { error } = getState();
      if (!error?.recoverable) return false;
      return go('loading', { error: null, recordingStartedAt: null, progress: null, interrupted: null, connectionCheck: null });
    },

    panelOpened: (panel) => setState({ panel, panelBusy: false, requestSent: false }),
    panelBusy: (busy) => setState({ panelBusy: busy }),
    requestSent: () => setState({ requestSent: true, panel: null, panelBusy: false }),
    consentHint: (show) => setState({ consentHint: show }),
    deviceSwitch: (deviceSwitch) => setState({ deviceSwitch }),
    restoreNoted: () => {
      if (getState().restored) setState({ restored: false });
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
