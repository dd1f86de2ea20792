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
  answers: Array<{ id: string; questionId: string; attempt: number; media: StoredMediaInfo[] }>;
  consents: unknown[];
}

export function createSession(options: {
  questions?: TestQuestion[];
  notice?: { version: string; markdown: string };
  title?: string;
} = {}): Promise<TestSession> {
  return executeServerCommand<TestSession, typeof options>('candid-create-session', options);
}

export function storedSession(sessionId: string): Promise<StoredSession> {
  return executeServerCommand<StoredSession, { sessionId: string }>('candid-stored-session', { sessionId });
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
