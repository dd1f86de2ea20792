// Shared helpers for the browser tests (not a test file itself).
import { executeServerCommand } from '@web/test-runner-commands';

export interface TestSession {
  endpoint: string;
  token: string;
  sessionId: string;
  interviewId: string;
  expiresAt: string;
}

export interface TestQuestion {
  id: string;
  prompt: string;
  thinkSeconds: number;
  answerSeconds: number;
  maxRetakes: number;
  promptVideoUrl?: string;
  captionsUrl?: string;
}

export interface StoredMediaInfo {
  track: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  uploadId?: string;
  firstBytesHex?: string;
  firstBytesError?: string;
}

export interface StoredSession {
  id: string;
  status: string;
  answers: Array<{ id: string; questionId: string; attempt: number; durationMs: number | null; media: StoredMediaInfo[] }>;
  consents: Array<{ noticeVersion: string | null; noticeSha256: string | null; noticeLocale?: string | null; choices: { recording: boolean; aiEvaluation: boolean; productImprovement: boolean }; ageConfirmed: boolean }>;
  requests?: Array<{ id: string; type: string; message: string | null; status: string }>;
}

export interface TestAccommodations {
  timeMultiplier?: number;
  noTimeLimit?: boolean;
  extraRetakes?: number;
  audioOnly?: boolean;
}

export function createSession(options: {
  questions?: TestQuestion[];
  notice?: { version: string; markdown: string; sections?: Record<string, string> };
  /** Jurisdiction packs (`EU`, `NYC`, …) and retention days of the interview. */
  jurisdictions?: string[];
  retention?: { mediaDays?: number; evaluationDays?: number };
  title?: string;
  /** The interview's language (BCP 47); the widget uses it when it has no `locale` attribute. */
  locale?: string;
  accommodations?: TestAccommodations;
  flow?: { introVideoUrl?: string | null; introCaptionsUrl?: string | null; allowTimeExtension?: boolean; minimumAge?: number };
  practiceQuestion?: { prompt: string; thinkSeconds?: number; answerSeconds?: number };
  /** Who is asking (shown in the header, the welcome title and the final screen). */
  employer?: { name: string; logoUrl?: string | null; contactEmail?: string | null; contactUrl?: string | null; privacyUrl?: string | null };
  /** When the session expires (ISO date in the future; default: the server's 14 days). */
  expiresAt?: string;
} = {}): Promise<TestSession> {
  return executeServerCommand<TestSession, typeof options>('candid-create-session', options);
}

/**
 * Starts the test server ahead of a suite (mocha `before`, with a long timeout): its cold start can
 * outlast one 20 s command on a busy machine, so the first command is tried up to three times.
 */
export async function warmUpServer(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await executeServerCommand('candid-server-info');
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

/** A fresh token for the same session (the candidate reopening the link). */
export function issueToken(sessionId: string): Promise<{ sessionId: string; token: string; expiresAt: string }> {
  return executeServerCommand('candid-issue-token', { sessionId });
}

/** The network-fault proxy's mount URL (same server behind it). */
export async function proxyEndpoint(): Promise<string> {
  return (await executeServerCommand<{ endpoint: string }, undefined>('candid-proxy-start')).endpoint;
}

/** Drops every proxied connection and refuses new ones for `ms`. */
export function networkCut(ms: number): Promise<unknown> {
  return executeServerCommand('candid-network-cut', { ms });
}

/** Throttles proxied PATCH bodies (null: off). */
export function proxyThrottle(bytesPerSecond: number | null): Promise<unknown> {
  return executeServerCommand('candid-proxy-throttle', { bytesPerSecond });
}

/**
 * Holds proxied PATCH requests (true): new ones wait, unread and not forwarded, until released
 * (false); those whose page went away meanwhile are dropped. Resolves with how many were held.
 */
export async function proxyHold(on: boolean): Promise<number> {
  return (await executeServerCommand<{ held: number }, { on: boolean }>('candid-proxy-hold', { on })).held;
}

/** Erases a session as the ATS would (`DELETE /v1/sessions/{id}`). */
export function eraseSession(sessionId: string): Promise<unknown> {
  return executeServerCommand('candid-erase-session', { sessionId });
}

export interface ProxyUploadStats {
  patchBytes: number;
  patches: number;
  failedPatches: number;
}

export function proxyStats(): Promise<Record<string, ProxyUploadStats>> {
  return executeServerCommand<Record<string, ProxyUploadStats>, undefined>('candid-proxy-stats');
}

export function storedSession(sessionId: string): Promise<StoredSession> {
  return executeServerCommand<StoredSession, { sessionId: string }>('candid-stored-session', { sessionId });
}

export interface ProbedMedia {
  answerId: string;
  questionId: string;
  track: string;
  mimeType: string;
  /** The answer's length as the widget recorded it. */
  durationMs: number | null;
  /** ffprobe's codec names, e.g. ["vp8", "opus"] or ["h264", "aac"]. */
  codecs: string[];
  /** Timestamp of the last packet (s). */
  decodedSeconds: number;
  /** ffmpeg's exit code decoding every frame. */
  decodeExit: number;
  /** What ffmpeg said while decoding (empty: clean). */
  decodeErrors: string;
}

/** Every stored media file of the session, decoded by ffmpeg on the server. */
export function probeMedia(sessionId: string): Promise<ProbedMedia[]> {
  return executeServerCommand<ProbedMedia[], { sessionId: string }>('candid-probe-media', { sessionId });
}

/** WebKitGTK (MiniBrowser), not Safari: its recorded audio is undecodable on this machine's GStreamer (see `expectPlayable`). */
const WEBKITGTK_AUDIO_UNDECODABLE = /AppleWebKit/.test(navigator.userAgent) && /Linux|X11/.test(navigator.userAgent) && !/Chrome|Android/.test(navigator.userAgent);

const AUDIO_CODECS = ['aac', 'opus', 'vorbis', 'mp3'];

/** Whether a ffmpeg error line is about an audio stream of the file ("#0:N" in stream order, as ffprobe listed the codecs; "[opus @"/"[aac @": the decoder itself). */
function isAudioStreamError(line: string, media: ProbedMedia): boolean {
  if (/^\[(opus|aac) @/.test(line)) return true;
  const index = Number(/#0:(\d+)/.exec(line)?.[1] ?? -1);
  return AUDIO_CODECS.includes(media.codecs[index] ?? '');
}

/**
 * Asserts a stored file decodes and lasts what was recorded (±1.5 s: engines cut the first and
 * last fragment differently). WebKit's last audio fragment may be written twice (an AAC error at
 * the very end); video must decode cleanly.
 */
export function expectPlayable(media: ProbedMedia, toleranceSeconds = 1.5): void {
  const label = `${media.track} ${media.mimeType} (${media.codecs.join('+')})`;
  // Decoder errors count. Not: the null muxer's complaints about repeated timestamps (Firefox's
  // WebM repeats some; every frame still decodes), nor AAC's at WebKit's doubled last fragment.
  let errors = media.decodeErrors.split('\n').filter((line) => line.trim() && !/^\[(aac|null) @/.test(line));
  if (WEBKITGTK_AUDIO_UNDECODABLE && media.codecs.some((codec) => AUDIO_CODECS.includes(codec))) {
    // WebKitGTK 2.50 on Debian's GStreamer 1.22 writes AAC (and Opus) in MP4 that ffmpeg cannot
    // decode, also from a bare MediaRecorder outside the widget: an engine defect here, not
    // Safari's (AVFoundation). What is asserted: the video decodes cleanly, and every file lasts
    // what was recorded.
    console.log(`[expectPlayable] WebKitGTK: audio decode errors in ${label} not counted (engine defect on GStreamer 1.22)`);
    errors = errors.filter((line) => !/^(\[(opus|aac) @|Error while decoding stream #0:\d+: Invalid data)/.test(line) || !isAudioStreamError(line, media));
  }
  if (media.decodeExit !== 0 || errors.length > 0) throw new Error(`${label} does not decode (exit ${media.decodeExit}): ${errors.join(' | ').slice(0, 400)}`);
  const recorded = (media.durationMs ?? 0) / 1000;
  if (Math.abs(media.decodedSeconds - recorded) > toleranceSeconds) {
    throw new Error(`${label} lasts ${media.decodedSeconds.toFixed(2)} s, recorded ${recorded.toFixed(2)} s`);
  }
}

export interface SpiedRecorder {
  mimeType: string;
  blobs: Blob[];
}

/**
 * Replaces `MediaRecorder` with a subclass that keeps every blob each recorder emits, in order
 * ("what MediaRecorder produced"). Call `restore()` when done.
 */
export function spyOnMediaRecorder(target: { MediaRecorder: typeof MediaRecorder } = globalThis) {
  const recorders: SpiedRecorder[] = [];
  const Real = target.MediaRecorder;
  target.MediaRecorder = class extends Real {
    constructor(stream: MediaStream, options?: MediaRecorderOptions) {
      super(stream, options);
      const spied: SpiedRecorder = { mimeType: this.mimeType || options?.mimeType || '', blobs: [] };
      recorders.push(spied);
      this.addEventListener('dataavailable', (e) => {
        if ((e as BlobEvent).data.size > 0) spied.blobs.push((e as BlobEvent).data);
      });
    }
  };
  return {
    recorders,
    /** The recorder whose type starts with `video/` or `audio/`. */
    of: (kind: 'video' | 'audio') => recorders.find((r) => r.mimeType.startsWith(`${kind}/`)),
    restore: () => {
      target.MediaRecorder = Real;
    },
  };
}

export async function sha256Hex(data: Blob | ArrayBuffer): Promise<string> {
  const buffer = data instanceof Blob ? await data.arrayBuffer() : data;
  const digest = await crypto.subtle.digest('SHA-256', buffer);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function firstBytesHex(blob: Blob, n = 4): Promise<string> {
  const bytes = new Uint8Array(await blob.slice(0, n).arrayBuffer());
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The page as a phone leaves it when the candidate switches apps; the returned function brings it back. */
export function hidePage(): () => void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
  document.dispatchEvent(new Event('visibilitychange'));
  return () => {
    delete (document as { visibilityState?: unknown }).visibilityState;
    delete (document as { hidden?: unknown }).hidden;
    document.dispatchEvent(new Event('visibilitychange'));
  };
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `predicate` until it returns a truthy value. */
export async function waitFor<T>(predicate: () => T | Promise<T>, what: string, timeoutMs = 10000): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(50);
  }
}

/** Resolves with the next `name` event on `target` (rejects after `timeoutMs`). */
export function nextEvent<T = unknown>(target: EventTarget, name: string, timeoutMs = 15000): Promise<CustomEvent<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      target.removeEventListener(name, listener);
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for event ${name}`));
    }, timeoutMs);
    const listener = (event: Event) => {
      clearTimeout(timer);
      target.removeEventListener(name, listener);
      resolve(event as CustomEvent<T>);
    };
    target.addEventListener(name, listener);
  });
}

type WidgetLike = HTMLElement & { store: { getState(): { phase: string } }; updateComplete: Promise<boolean> };

/** Clicks a button in the widget's shadow root once it exists and is enabled. */
export async function clickIn(el: HTMLElement, selector: string, timeoutMs = 10000): Promise<void> {
  const target = await waitFor(
    () => {
      const found = el.shadowRoot?.querySelector<HTMLButtonElement>(selector);
      return found && !found.disabled ? found : null;
    },
    selector,
    timeoutMs,
  );
  target.click();
}

export const waitForPhase = (el: WidgetLike, phase: string, timeoutMs = 15000) =>
  waitFor(() => el.store.getState().phase === phase, `phase ${phase} (now ${el.store.getState().phase})`, timeoutMs);

/** Device check → "Continue" → ready to record. */
export async function passDeviceCheck(el: WidgetLike): Promise<void> {
  await waitForPhase(el, 'check');
  await clickIn(el, 'button[name="continue"]');
  await passIntro(el);
}

/** Intro screen → "Start the interview" → the first question. */
export async function passIntro(el: WidgetLike): Promise<void> {
  await waitForPhase(el, 'intro');
  await clickIn(el, 'button[name="start"]');
  await waitForPhase(el, 'ready');
}

/** Review screen after Stop → "Submit answer". */
export async function submitTake(el: WidgetLike): Promise<void> {
  await waitForPhase(el, 'review');
  await clickIn(el, 'button[name="submit"]');
}

/** Grants recording consent for a session directly over HTTP (uploads need it). */
export async function consentOverHttp(session: TestSession): Promise<Response> {
  const res = await fetch(`${session.endpoint}/v1/session/consent`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${session.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      noticeVersion: null,
      choices: { recording: true, aiEvaluation: false, productImprovement: false },
      ageConfirmed: true,
    }),
  });
  if (res.status !== 201) throw new Error(`consent failed: ${res.status} ${await res.text()}`);
  return res;
}

/** Records `ms` of fake camera + microphone with MediaRecorder; returns the chunks. */
export async function recordSample(ms: number, timesliceMs = 500): Promise<Blob[]> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240 }, audio: true });
  try {
    const recorder = new MediaRecorder(stream, { mimeType: 'video/webm;codecs=vp8,opus' });
    const chunks: Blob[] = [];
    recorder.addEventListener('dataavailable', (e) => {
      if (e.data.size > 0) chunks.push(e.data);
    });
    const stopped = new Promise((resolve) => recorder.addEventListener('stop', resolve));
    recorder.start(timesliceMs);
    await delay(ms);
    recorder.stop();
    await stopped;
    return chunks;
  } finally {
    for (const track of stream.getTracks()) track.stop();
  }
}

/**
 * One answer through the widget's own controls, for pages the test cannot reach with the usual
 * helpers (frames, other origins): consent → device check → intro → record 1.5 s → review → submit
 * → done. `phase` waits for a phase, `click` clicks a selector in the widget; `atReview` runs before
 * submitting.
 */
export async function driveOneAnswer(
  phase: (name: string, timeoutMs?: number) => Promise<unknown>,
  click: (selector: string) => Promise<unknown>,
  atReview?: () => Promise<void>,
): Promise<void> {
  await click('input[name="recording"]');
  await click('input[name="ageConfirmed"]');
  await click('button[name="agree"]');
  await phase('check');
  await click('button[name="continue"]');
  await phase('intro');
  await click('button[name="start"]');
  await phase('ready');
  await click('button[name="record"]');
  await phase('recording');
  await delay(1500);
  await click('button[name="stop"]');
  await phase('review');
  await atReview?.();
  await click('button[name="submit"]');
  await phase('done', 30000);
}
