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
 * - Bytes are kept in memory until the server has confirmed them, so any offset the server reports
 *   can be resumed from.
 * - The last PATCH declares `Upload-Length`; if every byte is already confirmed, that PATCH is empty.
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
  /** `Upload-Metadata` entries (values are base64-encoded from UTF-8). */
  metadata?: Record<string, string>;
  /** Extra headers for every request (e.g. `Authorization`). */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  /** Delays between consecutive failed attempts; exhausting them fails the upload. */
  retryDelays?: readonly number[];
  /** Largest PATCH body; a backlog is sent in slices of this size. */
  maxChunkBytes?: number;
  /** Per-request timeout; a timed-out request counts as a failed, retryable request. */
  requestTimeoutMs?: number;
  onProgress?: (progress: TusProgress) => void;
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

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

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
  #done: { promise: Promise<TusResult>; resolve: (r: TusResult) => void; reject: (e: CandidError) => void };

  constructor(options: TusUploadOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#retryDelays = options.retryDelays ?? DEFAULT_RETRY_DELAYS_MS;
    this.#maxChunkBytes = options.maxChunkBytes ?? 8 * 1024 * 1024;
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

  /** Queues bytes for upload. Empty blobs are ignored. */
  append(blob: Blob): void {
    if (this.#finished) throw new CandidError(CandidErrorCode.UPLOAD_FAILED, 'append() after finish().');
    if (this.#state === 'failed' || this.#state === 'aborted') return;
    if (blob.size === 0) return;
    this.#pieces.push({ start: this.#queued, blob });
    this.#queued += blob.size;
    this.#emitProgress();
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
    this.#error = new CandidError(CandidErrorCode.ABORTED, 'Upload aborted.');
    this.#done.reject(this.#error);
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
        } catch (err) {
          if (this.#state !== 'active') return; // aborted meanwhile
          const error = err instanceof CandidError ? err : networkError(err);
          if (!this.#isRetryable(error) || this.#failures >= this.#retryDelays.length) {
            this.#fail(error);
            return;
          }
          const delay = this.#retryDelays[this.#failures] ?? 0;
          this.#failures += 1;
          // Whatever happened to that request, ask the server where it stands before sending more.
          if (this.#url !== null) this.#needsSync = true;
          await sleep(delay);
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
    return error.status === 409 || isRetryableStatus(error.status);
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
      if (!res.ok) throw await errorFromResponse(res, CandidErrorCode.UPLOAD_FAILED);
      return res;
    } finally {
      clearTimeout(timer);
      if (this.#inflight === controller) this.#inflight = null;
    }
  }

  async #create(): Promise<void> {
    const headers: Record<string, string> = { 'Upload-Defer-Length': '1' };
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
    if (length !== null && (!this.#finished || length !== this.#queued)) {
      throw new CandidError(CandidErrorCode.UPLOAD_OFFSET_LOST, `The server has Upload-Length ${length}, expected ${this.#queued}.`);
    }
    this.#lengthDeclared = length !== null;
    this.#setOffset(offset);
    this.#needsSync = false;
  }

  async #patch(declareOnly: boolean): Promise<void> {
    const from = this.#offset;
    const end = declareOnly ? from : Math.min(this.#queued, from + this.#maxChunkBytes);
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
    if (declares) this.#lengthDeclared = true;
    if (offset > from || declares) this.#failures = 0;
    this.#setOffset(offset);
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
