/** Package version; checked by `define()` when two copies of the widget meet on one page. */
export const VERSION = '0.1.0';

/** The custom element's tag name. */
export const TAG_NAME = 'candid-interview';

/** Prefix used by every console message of the widget. */
export const LOG_PREFIX = `[candid-widget ${VERSION}]`;

/** MediaRecorder timeslice: one blob (and at most one tus PATCH) per second. */
export const DEFAULT_TIMESLICE_MS = 1000;

/** tus protocol version spoken by the upload client. */
export const TUS_VERSION = '1.0.0';

/**
 * Delays (ms) between retries of a failed upload request. The length is the number of
 * retries after which the upload gives up with `UPLOAD_FAILED`.
 */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [0, 1000, 3000, 5000, 10000, 20000];

/** MediaRecorder container/codec preferences, best first. */
export const MIME_CANDIDATES = [
  'video/webm;codecs=vp8,opus',
  'video/webm',
  'video/mp4;codecs=avc1,opus',
  'video/mp4',
] as const;

/** Names of the DOM events the element dispatches (bubbling, composed `CustomEvent`s). */
export const CandidEvents = {
  ready: 'candid-ready',
  consent: 'candid-consent',
  answer: 'candid-answer',
  progress: 'candid-progress',
  complete: 'candid-complete',
  error: 'candid-error',
} as const;
export type CandidEventName = (typeof CandidEvents)[keyof typeof CandidEvents];

/** Observed attributes of `<candid-interview>`. */
export const CandidAttributes = {
  token: 'token',
  endpoint: 'endpoint',
  locale: 'locale',
} as const;
