import { CandidEvents } from './constants.js';
import type { CandidateRequestInput, ConsentChoices, SessionStatus, StoredMedia } from './api/types.js';
import type { CandidErrorInfo } from './errors.js';

/** `candid-ready`: the session is loaded and the widget knows what to show. */
export interface CandidReadyDetail {
  sessionId: string;
  status: SessionStatus;
  questionCount: number;
  /** Questions still to answer (fewer than `questionCount` when resuming). */
  remainingCount: number;
}

/** `candid-consent`: the candidate's decision was stored by the server. */
export interface CandidConsentDetail {
  accepted: boolean;
  choices: ConsentChoices;
  ageConfirmed: boolean;
  noticeVersion: string | null;
  /** Session status after the decision (`consented`, or `invited` when declined). */
  status: SessionStatus;
}

/**
 * `candid-progress`: upload progress of the take being recorded or saved, and of the interview.
 * Fired as chunks are recorded and as the server confirms them.
 */
export interface CandidProgressDetail {
  questionId: string;
  attempt: number;
  /** Bytes the server has confirmed for this take (all tracks: video and audio-only). */
  bytesSent: number;
  /** Bytes MediaRecorder has produced for this take so far (all tracks). */
  bytesRecorded: number;
  /** Answers committed so far. */
  answersCommitted: number;
  questionCount: number;
  /** 0..1: committed answers plus the uploaded share of the take being saved, over all questions. */
  overall: number;
}

/** `candid-answer`: an answer was uploaded and committed. */
export interface CandidAnswerDetail {
  questionId: string;
  answerId: string;
  attempt: number;
  durationMs: number;
  /** Type of the main file (the video, or the audio for audio-only answers). */
  mimeType: string;
  /** Total bytes recorded, all tracks (equals the uploaded size). */
  bytesRecorded: number;
  bytesSent: number;
  /** Committed from the journal after a reload, crash or new visit. */
  recovered: boolean;
  media: StoredMedia[];
}

/** `candid-complete`: every answer is stored and the session is completed. */
export interface CandidCompleteDetail {
  sessionId: string;
}

/** `candid-request`: the candidate asked the employer for an adjustment; the server stored it. */
export interface CandidRequestDetail {
  requestId: string;
  type: CandidateRequestInput['type'];
}

/**
 * `candid-withdrawn`: the candidate withdrew consent. The server stopped the session (no further
 * recording or evaluation) and the widget deleted its recordings from this device.
 */
export interface CandidWithdrawnDetail {
  sessionId: string;
}

/** `candid-error`: `code` is stable (see `CandidErrorCode` and the server's codes). */
export type CandidErrorDetail = CandidErrorInfo;

export interface CandidEventDetailMap {
  [CandidEvents.ready]: CandidReadyDetail;
  [CandidEvents.consent]: CandidConsentDetail;
  [CandidEvents.progress]: CandidProgressDetail;
  [CandidEvents.answer]: CandidAnswerDetail;
  [CandidEvents.complete]: CandidCompleteDetail;
  [CandidEvents.request]: CandidRequestDetail;
  [CandidEvents.withdrawn]: CandidWithdrawnDetail;
  [CandidEvents.error]: CandidErrorDetail;
}

export type CandidEventMap = { [K in keyof CandidEventDetailMap]: CustomEvent<CandidEventDetailMap[K]> };

declare global {
  interface GlobalEventHandlersEventMap {
    'candid-ready': CustomEvent<CandidReadyDetail>;
    'candid-consent': CustomEvent<CandidConsentDetail>;
    'candid-progress': CustomEvent<CandidProgressDetail>;
    'candid-answer': CustomEvent<CandidAnswerDetail>;
    'candid-complete': CustomEvent<CandidCompleteDetail>;
    'candid-request': CustomEvent<CandidRequestDetail>;
    'candid-withdrawn': CustomEvent<CandidWithdrawnDetail>;
    'candid-error': CustomEvent<CandidErrorDetail>;
  }
}

/** Dispatches a bubbling, composed CustomEvent whose detail is type-checked against its name. */
export function emit<K extends keyof CandidEventDetailMap>(
  target: EventTarget,
  name: K,
  detail: CandidEventDetailMap[K],
): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: false }));
}
