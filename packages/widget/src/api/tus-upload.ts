import { DEFAULT_RETRY_DELAYS_MS, TUS_VERSION } from '../constants.js';
import { CandidError, CandidErrorCode } from '../errors.js';
import { errorFromResponse, isAbortError, isRetryableStatus, networkError } from './http.js';

/**
 * A small tus 1.0 client for uploads whose length is unknown while they are produced
 * (creation-defer-length): bytes are appended as MediaRecorder emits them and sent by ONE
 * sequential request loop (never two PATCHes in flight for one upload).
 *
 * Correctness rules:
 * - The server's `Upload-Offset` is the only source of truth. After any failed request the client
 *   asks the server (HEAD) where it stands and continues from there; it never trusts a local counter.
 * - Bytes are kept until the server has confirmed them, so any offset the server reports can be
 *   resumed from.
 * - A PATCH never spans two appended pieces: its body ends where the piece holding the current
 *   offset ends (and at `maxChunkBytes`). A request cut mid-way therefore costs at most one piece
 *   (one MediaRecorder chunk) of re-sent bytes.
 * - The last PATCH declares `Upload-Length`; if every byte is already confirmed, that PATCH is empty.
 * - A PATCH the server answers without taking any of its bytes counts as a failed request (HEAD,
 *   backoff), never as a reason to send it again at once.
 * - Resuming (`uploadUrl`): the first request is a HEAD; feed the upload every byte from 0 (e.g.
 *   the journaled chunks) and it sends only what the server lacks.
 *
 * No DOM dependence besides `fetch`, `Blob` and `AbortController`.
 */

export interface TusProgress {
  /** Bytes the server has confirmed (its `Upload-Offset`). */
  bytesSent: number;
  /** Bytes handed to `append()` so far. */
  bytesQueued: number;
}

export interface TusUploadOptions {
  /** Creation URL (the tus endpoint), e.g. `https://ats.example.com/candid/v1/uploads`. */
  endpoint: string;
  /**
   * URL of an upload that already exists (resume after a reload): no POST, the first request is a
   * HEAD. `append()` must then be fed from byte 0; bytes the server already holds are skipped.
   */
  uploadUrl?: string;
  /**
   * The final length, when known before the first byte (a picked file): the creation POST declares
   * it (`Upload-Length`, so an oversized file is refused at once) instead of deferring it.
   */
  uploadLength?: number;
  /** `Upload-Metadata` entries (values are base64-encoded from UTF-8). */
  metadata?: Record<string, string>;
  /** Extra headers for every request (e.g. `Authorization`). */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  /** Delays between consecutive failed attempts (the last one repeats when `maxRetries` is larger). */
  retryDelays?: readonly number[];
  /**
   * Consecutive transient failures (network, 5xx, 408/423/429, offset conflicts) retried before the
   * upload fails with `UPLOAD_FAILED`; default `retryDelays.length`. `Infinity`: never give up.
   */
  maxRetries?: number;
  /** Largest PATCH body; a backlog is sent in slices of this size. */
  maxChunkBytes?: number;
  /** Per-request timeout; a timed-out request counts as a failed, retryable request. */
  requestTimeoutMs?: number;
  onProgress?: (progress: TusProgress) => void;
  /** The server created the upload (POST answered): its absolute URL. Called before any PATCH. */
  onCreated?: (url: string) => void;
  /** A request failed and will be retried after `delayMs` (for "reconnecting" UI). */
  onRetry?: (error: CandidError, delayMs: number) => void;
  /** A request succeeded after one or more failed ones. */
  onRecovered?: () => void;
  /** Called once when the upload fails for good (the `finish()` promise rejects with the same error). */
  onError?: (error: CandidError) => void;
}

export interface TusResult {
  url: string;
  size: number;
}

export type TusState = 'idle' | 'active' | 'done' | 'failed' | 'aborted';

interface Piece {
  start: number;
  blob: Blob;
}

type Step = 'create' | 'sync' | 'patch' | 'declare' | 'none';


/** UTF-8 safe base64 (tus `Upload-Metadata` values). */
export function encodeMetadataValue(value: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(value)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function encodeMetadata(metadata: Record<string, string>): string {
  return Object.entries(metadata)
    .map(([key, value]) => `${key} ${encodeMetadataValue(value)}`)
    .join(',');
}

function readOffsetHeader(res: Response, name: string): number | null {
  const raw = res.headers.get(name);
  if (raw === null) return null;
  const n = Number(raw.trim());
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

export class TusUpload {
  readonly #options: TusUploadOptions;
  readonly #fetch: typeof fetch;
  readonly #retryDelays: readonly number[];
  readonly #maxRetries: number;
  readonly #maxChunkBytes: number;

  #url: string | null = null;
  #pieces: Piece[] = [];
  #queued = 0;
  #offset = 0;
  #finished = false;
  #lengthDeclared = false;
  #needsSync = false;
  #failures = 0;
  #running = false;
  #state: TusState = 'idle';
  #error: CandidError | null = null;
  #inflight: AbortController | null = null;
  /** Ends the current backoff sleep early (`nudge()`, `abort()`). */
  #wake: (() => void) | null = null;
  /** From a 429's `Retry-After`: the next retry waits at least this long. */
  #retryAfterMs = 0;
  /** The last request failed (for `onRecovered`). */
  #unhealthy = false;
  #done: { promise: Promise<TusResult>; resolve: (r: TusResult) => void; reject: (e: CandidError) => void };

  constructor(options: TusUploadOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#retryDelays = options.retryDelays ?? DEFAULT_RETRY_DELAYS_MS;
    this.#maxRetries = options.maxRetries ?? this.#retryDelays.length;
    this.#maxChunkBytes = options.maxChunkBytes ?? 8 * 1024 * 1024;
    if (options.uploadUrl) {
      this.#url = options.uploadUrl;
      this.#needsSync = true;
    }
    let resolve!: (r: TusResult) => void;
    let reject!: (e: CandidError) => void;
    const promise = new Promise<TusResult>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Avoid unhandled-rejection noise when nobody awaits finish() (e.g. aborted uploads).
    promise.catch(() => {});
    this.#done = { promise, resolve, reject };
  }

  /** Upload URL once created. */
  get url(): string | null {
    return this.#url;
  }
  get state(): TusState {
    return this.#state;
  }
  get bytesSent(): number {
    return this.#offset;
  }
  get bytesQueued(): number {
    return this.#queued;
  }
  get error(): CandidError | null {
    return this.#error;
  }

  /** Creates the upload on the server now (otherwise it happens with the first `append`). */
  start(): void {
    this.#kick();
  }

  /**
   * Queues bytes for upload. Empty blobs are ignored. `last`: no more bytes follow, as if
   * `finish()` was called first, so the PATCH carrying this piece also declares the length (one
   * request less at the end of a recording).
   */
  append(blob: Blob, last = false): void {
    if (this.#finished) throw new CandidError(CandidErrorCode.UPLOAD_FAILED, 'append() after finish().');
    if (this.#state === 'failed' || this.#state === 'aborted') return;
    if (last) this.#finished = true;
    if (blob.size > 0) {
      this.#pieces.push({ start: this.#queued, blob });
      this.#queued += blob.size;
      this.#emitProgress();
    }
    this.#kick();
  }

  /**
   * Declares that no more bytes will come. Resolves once the server holds every byte and knows
   * the final length; rejects with the upload's CandidError.
   */
  finish(): Promise<TusResult> {
    this.#finished = true;
    this.#kick();
    return this.#done.promise;
  }

  /** Stops all network activity. The server-side upload is left as is (it can be resumed later). */
  abort(): void {
    if (this.#state === 'done' || this.#state === 'failed' || this.#state === 'aborted') return;
    this.#state = 'aborted';
    this.#inflight?.abort();
    this.#wake?.();
    this.#error = new CandidError(CandidErrorCode.ABORTED, 'Upload aborted.');
    this.#done.reject(this.#error);
  }

  /** Retries now instead of waiting out the backoff (e.g. the browser just came back online). */
  nudge(): void {
    this.#wake?.();
  }

  /**
   * Stops and deletes the upload on the server (tus termination). Best effort: resolves even if
   * the server could not be reached.
   */
  async terminate(): Promise<void> {
    this.abort();
    if (this.#url === null) return;
    try {
      await this.#fetch(this.#url, {
        method: 'DELETE',
        headers: { ...this.#options.headers, 'Tus-Resumable': TUS_VERSION },
        credentials: 'omit',
      });
    } catch {
      // offline: the server's retention sweep removes it
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        if (this.#wake === wake) this.#wake = null;
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.#wake = wake;
    });
  }

  #kick(): void {
    if (this.#running || this.#state === 'done' || this.#state === 'failed' || this.#state === 'aborted') return;
    this.#state = 'active';
    void this.#run();
  }

  #nextStep(): Step {
    if (this.#url === null) return 'create';
    if (this.#needsSync) return 'sync';
    if (this.#offset < this.#queued) return 'patch';
    if (this.#finished && !this.#lengthDeclared) return 'declare';
    return 'none';
  }

  async #run(): Promise<void> {
    this.#running = true;
    try {
      for (;;) {
        if (this.#state !== 'active') return;
        const step = this.#nextStep();
        if (step === 'none') break;
        try {
          await this.#perform(step);
          if (this.#unhealthy) {
            // Any answer from the server means the connection works again (the backoff counter
            // itself only resets when bytes move, so a PATCH that keeps failing still backs off).
            this.#unhealthy = false;
            this.#options.onRecovered?.();
          }
        } catch (err) {
          if (this.#state !== 'active') return; // aborted meanwhile
          const error = err instanceof CandidError ? err : networkError(err);
          if (!this.#isRetryable(error) || this.#failures >= this.#maxRetries) {
            this.#fail(error);
            return;
          }
          const delays = this.#retryDelays;
          const delay = Math.max(delays[Math.min(this.#failures, delays.length - 1)] ?? 0, this.#retryAfterMs);
          this.#retryAfterMs = 0;
          this.#failures += 1;
          this.#unhealthy = true;
          // Whatever happened to that request, ask the server where it stands before sending more.
          if (this.#url !== null) this.#needsSync = true;
          this.#options.onRetry?.(error, delay);
          await this.#sleep(delay);
        }
      }
      if (this.#finished && this.#lengthDeclared && this.#offset === this.#queued && this.#url !== null) {
        this.#state = 'done';
        this.#done.resolve({ url: this.#url, size: this.#queued });
      } else {
        this.#state = 'idle';
      }
    } finally {
      this.#running = false;
    }
  }

  #isRetryable(error: CandidError): boolean {
    if (error.code === CandidErrorCode.UPLOAD_OFFSET_LOST) return false;
    if (error.status === undefined) return error.code === CandidErrorCode.NETWORK_ERROR;
    // 409 is retried (after a HEAD) only as an offset conflict; e.g. ANSWER_ALREADY_COMMITTED is final.
    if (error.status === 409) return error.code === 'UPLOAD_OFFSET_CONFLICT' || error.code === CandidErrorCode.UPLOAD_FAILED;
    return isRetryableStatus(error.status);
  }

  #fail(error: CandidError): void {
    // Transient errors that outlived every retry become UPLOAD_FAILED; definitive answers of the
    // server (401 token expired, 403 consent required, …) keep their own code.
    const final = this.#isRetryable(error)
      ? new CandidError(CandidErrorCode.UPLOAD_FAILED, `Upload failed after ${this.#failures} retries: ${error.message}`, {
          recoverable: true,
          cause: error,
          ...(error.status === undefined ? {} : { status: error.status }),
        })
      : error;
    this.#state = 'failed';
    this.#error = final;
    this.#done.reject(final);
    this.#options.onError?.(final);
  }

  async #perform(step: Exclude<Step, 'none'>): Promise<void> {
    switch (step) {
      case 'create':
        return this.#create();
      case 'sync':
        return this.#sync();
      case 'patch':
        return this.#patch(false);
      case 'declare':
        return this.#patch(true);
    }
  }

  async #send(url: string, method: string, headers: Record<string, string>, body?: Blob): Promise<Response> {
    const controller = new AbortController();
    this.#inflight = controller;
    const timeoutMs = this.#options.requestTimeoutMs ?? 60_000;
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const init: RequestInit = {
        method,
        headers: { ...this.#options.headers, 'Tus-Resumable': TUS_VERSION, ...headers },
        signal: controller.signal,
        credentials: 'omit',
      };
      if (body !== undefined) init.body = body;
      let res: Response;
      try {
        res = await this.#fetch(url, init);
      } catch (err) {
        if (isAbortError(err) && this.#state === 'aborted') throw err;
        throw networkError(err);
      }
      if (!res.ok) {
        const retryAfter = Number(res.headers.get('Retry-After'));
        if (retryAfter > 0) this.#retryAfterMs = Math.min(retryAfter, 120) * 1000;
        throw await errorFromResponse(res, CandidErrorCode.UPLOAD_FAILED);
      }
      return res;
    } finally {
      clearTimeout(timer);
      if (this.#inflight === controller) this.#inflight = null;
    }
  }

  async #create(): Promise<void> {
    const length = this.#options.uploadLength;
    const headers: Record<string, string> = length === undefined ? { 'Upload-Defer-Length': '1' } : { 'Upload-Length': String(length) };
    if (this.#options.metadata) headers['Upload-Metadata'] = encodeMetadata(this.#options.metadata);
    const res = await this.#send(this.#options.endpoint, 'POST', headers);
    const location = res.headers.get('Location');
    if (!location) {
      throw new CandidError(CandidErrorCode.UPLOAD_FAILED, 'The upload server sent no Location header (is it exposed via CORS?).', {
        status: res.status,
      });
    }
    this.#url = new URL(location, this.#options.endpoint).href;
    this.#offset = 0;
    this.#failures = 0;
    this.#lengthDeclared = length !== undefined;
    this.#options.onCreated?.(this.#url);
  }

  async #sync(): Promise<void> {
    const res = await this.#send(this.#url!, 'HEAD', {});
    const offset = readOffsetHeader(res, 'Upload-Offset');
    if (offset === null) {
      throw new CandidError(CandidErrorCode.BAD_RESPONSE, 'HEAD response has no valid Upload-Offset.', { status: res.status });
    }
    const length = readOffsetHeader(res, 'Upload-Length');
    if (offset > this.#queued || offset < this.#retainedFrom()) {
      throw new CandidError(
        CandidErrorCode.UPLOAD_OFFSET_LOST,
        `The server is at offset ${offset}, outside the bytes this client still holds (${this.#retainedFrom()}–${this.#queued}).`,
      );
    }
    const expected = this.#options.uploadLength ?? (this.#finished ? this.#queued : null);
    if (length !== null && length !== expected) {
      throw new CandidError(CandidErrorCode.UPLOAD_OFFSET_LOST, `The server has Upload-Length ${length}, expected ${expected ?? 'none yet'}.`);
    }
    this.#lengthDeclared = length !== null;
    this.#setOffset(offset);
    this.#needsSync = false;
  }

  async #patch(declareOnly: boolean): Promise<void> {
    const from = this.#offset;
    const end = declareOnly ? from : Math.min(this.#pieceEnd(from), from + this.#maxChunkBytes);
    const body = this.#slice(from, end);
    const headers: Record<string, string> = {
      'Upload-Offset': String(from),
      'Content-Type': 'application/offset+octet-stream',
    };
    const declares = this.#finished && end === this.#queued && !this.#lengthDeclared;
    if (declares) headers['Upload-Length'] = String(this.#queued);
    const res = await this.#send(this.#url!, 'PATCH', headers, body);
    const offset = readOffsetHeader(res, 'Upload-Offset');
    if (offset === null || offset < from || offset > end) {
      // Unexpected answer: do not guess, ask the server.
      this.#needsSync = true;
      return;
    }
    if (offset === from && end > from) {
      // A 204 that took none of the bytes (the body was lost on the way, or the server dropped
      // it): sending the same PATCH again at once would loop as fast as the server answers (and
      // run into its rate limit). Count it as a failed request: HEAD, then retry after a backoff.
      throw new CandidError(CandidErrorCode.NETWORK_ERROR, `The server received none of the ${end - from} bytes sent at offset ${from}.`, { recoverable: true });
    }
    if (declares) this.#lengthDeclared = true;
    if (offset > from || declares) this.#failures = 0;
    this.#setOffset(offset);
  }

  /** End of the retained piece that holds byte `offset` (one PATCH never spans two pieces). */
  #pieceEnd(offset: number): number {
    for (const { start, blob } of this.#pieces) {
      if (start + blob.size > offset) return start + blob.size;
    }
    return this.#queued;
  }

  #retainedFrom(): number {
    return this.#pieces[0]?.start ?? this.#queued;
  }

  /** Concatenation of the retained bytes in [from, to). */
  #slice(from: number, to: number): Blob {
    const parts: Blob[] = [];
    for (const { start, blob } of this.#pieces) {
      const end = start + blob.size;
      if (end <= from) continue;
      if (start >= to) break;
      parts.push(blob.slice(Math.max(0, from - start), Math.min(blob.size, to - start)));
    }
    return new Blob(parts);
  }

  #setOffset(offset: number): void {
    this.#offset = offset;
    // Drop pieces the server has fully confirmed.
    while (this.#pieces.length > 0) {
      const first = this.#pieces[0]!;
      if (first.start + first.blob.size > offset) break;
      this.#pieces.shift();
    }
    this.#emitProgress();
  }

  #emitProgress(): void {
    this.#options.onProgress?.({ bytesSent: this.#offset, bytesQueued: this.#queued });
  }
}
