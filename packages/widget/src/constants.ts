/** Package version; checked by `define()` when two copies of the widget meet on one page. */
export const VERSION = '0.1.0';

/** The custom element's tag name. */
export const TAG_NAME = 'candid-interview';

/** Prefix used by every console message of the widget. */
export const LOG_PREFIX = `[candid-widget ${VERSION}]`;

/**
 * MediaRecorder timeslice, which is also the journal and upload chunk: every `timeslice` each
 * recorder emits one blob, it is written to IndexedDB, then sent as (at most) one tus PATCH.
 *
 * Why 1000 ms: at the capped bitrates a video chunk is about 75–200 kB and an audio chunk about
 * 4 kB. That is
 * - small enough that a cut or reload re-sends at most ~200 kB (one chunk), that Stop leaves only a
 *   one-second tail to upload, and that an IndexedDB write stays a few milliseconds;
 * - large enough to keep requests at 2 per second (video + audio): ~1 kB of headers per 200 kB,
 *   preflights cached, and far below the server's 600 requests/minute per session.
 * 250 ms would quadruple requests and journal writes for no gain in safety that matters; 5 s would
 * make Stop→commit and the re-sent tail five times longer.
 */
export const DEFAULT_TIMESLICE_MS = 1000;

/** Video bitrate cap (bits/s): 720p at interview quality; ~11 MB per minute at most. */
export const VIDEO_BITS_PER_SECOND = 1_500_000;
/** Audio bitrate inside the video file. */
export const AUDIO_BITS_PER_SECOND = 64_000;
/** The audio-only recording that feeds transcription: Opus speech quality. */
export const SPEECH_BITS_PER_SECOND = 32_000;

/** Size of the connection-check probe (`POST /v1/session/probe`). */
export const PROBE_BYTES = 512 * 1024;

/** Journaled takes older than this are deleted when the journal opens (personal data). */
export const JOURNAL_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

/** tus protocol version spoken by the upload client. */
export const TUS_VERSION = '1.0.0';

/**
 * Delays (ms) between retries of a failed upload request. The length is the number of
 * retries after which the upload gives up with `UPLOAD_FAILED`.
 */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [0, 1000, 3000, 5000, 10000, 20000];

/**
 * The widget's backoff for recording uploads. It never gives up on transient failures (every byte
 * is journaled, so waiting costs nothing): the last delay repeats, and coming back online retries
 * at once.
 */
export const UPLOAD_RETRY_DELAYS_MS: readonly number[] = [250, 500, 1000, 2000, 4000, 8000, 15000];

/**
 * MediaRecorder container/codec preferences, best first: WebM (VP8/Opus) where the engine records
 * it (Chromium, Firefox), else MP4 with H.264 and AAC (Safari; every player and ffmpeg decode it),
 * then MP4 with Opus, then whatever MP4 the engine picks. Apple's WebKit uses
 * `APPLE_MIME_CANDIDATES` (see `media/mime.ts`).
 */
export const MIME_CANDIDATES = [
  'video/webm;codecs=vp8,opus',
  'video/webm',
  'video/mp4;codecs=avc1,mp4a.40.2',
  'video/mp4;codecs=avc1,opus',
  'video/mp4',
] as const;

/**
 * Safari says it records WebM since 18.4, but its WebM files have broken durations and seeking:
 * MP4 (H.264/AAC, its own format for years) first there, WebM only as a last resort.
 */
export const APPLE_MIME_CANDIDATES = ['video/mp4;codecs=avc1,mp4a.40.2', 'video/mp4', 'video/webm;codecs=vp8,opus', 'video/webm'] as const;

/** Preferences for the audio-only (transcription) recorder, best first. */
export const AUDIO_MIME_CANDIDATES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/mp4', 'audio/ogg;codecs=opus'] as const;

/** The audio-only recorder on Apple's WebKit (see `APPLE_MIME_CANDIDATES`). */
export const APPLE_AUDIO_MIME_CANDIDATES = ['audio/mp4', 'audio/webm;codecs=opus', 'audio/webm'] as const;

/**
 * A recorder whose first chunk has not come this long after it started is taken to record nothing
 * (Safari 26 gave empty blobs at small timeslices): the next candidate type takes over. WebKit
 * emits its first fragment after ~0.5 s and then one a second whatever the timeslice, so this is
 * generous.
 */
export const FIRST_CHUNK_TIMEOUT_MS = 5000;

/** Names of the DOM events the element dispatches (bubbling, composed `CustomEvent`s). */
export const CandidEvents = {
  ready: 'candid-ready',
  consent: 'candid-consent',
  answer: 'candid-answer',
  progress: 'candid-progress',
  complete: 'candid-complete',
  request: 'candid-request',
  withdrawn: 'candid-withdrawn',
  error: 'candid-error',
} as const;
export type CandidEventName = (typeof CandidEvents)[keyof typeof CandidEvents];

/** Observed attributes of `<candid-interview>`. */
export const CandidAttributes = {
  token: 'token',
  endpoint: 'endpoint',
  locale: 'locale',
} as const;
