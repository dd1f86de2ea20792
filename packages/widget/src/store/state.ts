import type { StoreApi } from 'zustand/vanilla';
import type { ConsentChoices, SessionInfo } from '../api/types.js';
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

/**
 * What cut a recording short while it ran: the page was hidden or left (app switch, locked
 * phone, another tab), a camera/microphone track ended (unplugged, taken by another app), or the
 * audio session was interrupted (a phone call).
 */
export type InterruptionReason = 'hidden' | 'device' | 'audio';

/**
 * Re-recording a take that was cut short does not use up a retake, this many times per attempt:
 * the take keeps its attempt number, and the server allows 5 uploads per take and track (each
 * re-record is one, a reload may need one more).
 */
export const MAX_FREE_RERECORDS = 3;

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
  /** Why the take under review was cut short (null: the candidate stopped it, or time was up). */
  interruption: InterruptionReason | null;
  /** Re-records of the current attempt that used no retake (see `MAX_FREE_RERECORDS`). */
  freeRerecords: number;
  error: CandidErrorInfo | null;
  /** The candidate came back to an interview already under way (reload, new visit): say so once. */
  restored: boolean;
  /** The panel open over the screen: the request form or the withdrawal confirmation. */
  panel: Panel | null;
  /** The open panel's request is in flight. */
  panelBusy: boolean;
  /** The request form was sent (a note says so on the screen, until a panel opens or the candidate moves on). */
  requestSent: boolean;
  /** "I agree" was pressed without the required boxes ticked. */
  consentHint: boolean;
  /** Camera or microphone switch of the device check. */
  deviceSwitch: 'idle' | 'switching' | 'failed';
}

/** Panels shown over the current screen. */
export type Panel = 'request' | 'withdraw';

/** What the element exposes publicly: read and subscribe, never write. */
export type ReadonlyStore<T> = Pick<StoreApi<T>, 'getState' | 'getInitialState' | 'subscribe'>;

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
  interruption: null,
  freeRerecords: 0,
  error: null,
  restored: false,
  panel: null,
  panelBusy: false,
  requestSent: false,
  consentHint: false,
  deviceSwitch: 'idle',
});

