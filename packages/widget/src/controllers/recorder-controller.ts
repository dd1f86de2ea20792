import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DEFAULT_TIMESLICE_MS } from '../constants.js';
import { CandidError, CandidErrorCode } from '../errors.js';
import { negotiateMimeType } from '../media/mime.js';

export interface RecordingOptions {
  /** Container/codec; default: negotiated with `MediaRecorder.isTypeSupported`. */
  mimeType?: string | null;
  /** One `onChunk` per timeslice. */
  timesliceMs?: number;
  /** Calls `onAutoStop` after this long (the answer time limit). */
  maxDurationMs?: number;
  videoBitsPerSecond?: number;
  audioBitsPerSecond?: number;
  /** Every non-empty blob, in order. The concatenation is the recording. */
  onChunk: (blob: Blob) => void;
  /** The time limit was reached; the host should stop the take as if "Stop" was pressed. */
  onAutoStop?: () => void;
  onError?: (error: CandidError) => void;
}

export interface RecordingResult {
  mimeType: string;
  /** Sum of the sizes of every emitted chunk. */
  bytes: number;
  chunks: number;
  durationMs: number;
}

/** Wraps one MediaRecorder take at a time: mime negotiation, timesliced chunks, time limit. */
export class RecorderController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #recorder: MediaRecorder | null = null;
  #stopped: Promise<RecordingResult> | null = null;
  #resolveStopped: ((result: RecordingResult) => void) | null = null;
  #limitTimer: ReturnType<typeof setTimeout> | undefined;
  #ticker: ReturnType<typeof setInterval> | undefined;
  #startedAt = 0;
  #endedAt: number | null = null;
  #bytes = 0;
  #chunks = 0;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  get recording(): boolean {
    return this.#recorder !== null && this.#recorder.state !== 'inactive';
  }

  /** Bytes emitted so far in the current (or last) take. */
  get bytes(): number {
    return this.#bytes;
  }

  /**
   * Starts recording `stream` and returns the mime type in use. Throws `RECORDING_UNSUPPORTED`
   * or `RECORDING_FAILED`.
   */
  start(stream: MediaStream, options: RecordingOptions): string {
    if (this.recording) throw new CandidError(CandidErrorCode.RECORDING_FAILED, 'A recording is already running.');
    const Recorder = (globalThis as { MediaRecorder?: typeof MediaRecorder }).MediaRecorder;
    if (!Recorder) throw new CandidError(CandidErrorCode.RECORDING_UNSUPPORTED, 'MediaRecorder is not available in this browser.');
    const mimeType = options.mimeType === undefined ? negotiateMimeType() : options.mimeType;
    const init: MediaRecorderOptions = {
      videoBitsPerSecond: options.videoBitsPerSecond ?? 1_000_000,
      audioBitsPerSecond: options.audioBitsPerSecond ?? 64_000,
    };
    if (mimeType) init.mimeType = mimeType;

    let recorder: MediaRecorder;
    try {
      recorder = new Recorder(stream, init);
    } catch (err) {
      throw new CandidError(CandidErrorCode.RECORDING_UNSUPPORTED, `Cannot record ${mimeType ?? 'video'}: ${String(err)}`, { cause: err });
    }

    this.#bytes = 0;
    this.#chunks = 0;
    this.#recorder = recorder;
    this.#stopped = new Promise<RecordingResult>((resolve) => {
      this.#resolveStopped = resolve;
    });

    recorder.addEventListener('dataavailable', (event: BlobEvent) => {
      if (this.#recorder !== recorder || event.data.size === 0) return;
      this.#bytes += event.data.size;
      this.#chunks += 1;
      options.onChunk(event.data);
    });
    recorder.addEventListener('stop', () => {
      if (this.#recorder !== recorder) return;
      this.#finish(recorder, mimeType);
    });
    recorder.addEventListener('error', (event: Event) => {
      if (this.#recorder !== recorder) return;
      const cause = (event as Event & { error?: unknown }).error;
      options.onError?.(new CandidError(CandidErrorCode.RECORDING_FAILED, `Recording failed: ${String(cause ?? 'unknown error')}`, {
        recoverable: true,
        cause,
      }));
    });

    try {
      recorder.start(options.timesliceMs ?? DEFAULT_TIMESLICE_MS);
    } catch (err) {
      this.#recorder = null;
      throw new CandidError(CandidErrorCode.RECORDING_FAILED, `Recording could not start: ${String(err)}`, {
        recoverable: true,
        cause: err,
      });
    }
    this.#startedAt = performance.now();
    this.#endedAt = null;
    if (options.maxDurationMs !== undefined && options.maxDurationMs > 0) {
      this.#limitTimer = setTimeout(() => options.onAutoStop?.(), options.maxDurationMs);
    }
    // Re-render a few times a second for the elapsed-time display.
    this.#ticker = setInterval(() => this.#host.requestUpdate(), 250);
    return recorder.mimeType || mimeType || '';
  }

  /** Stops the take; resolves after the last chunk was emitted. Idempotent. */
  stop(): Promise<RecordingResult> {
    const recorder = this.#recorder;
    if (!recorder || !this.#stopped) {
      return Promise.reject(new CandidError(CandidErrorCode.RECORDING_FAILED, 'No recording to stop.'));
    }
    this.#clearTimers();
    this.#endedAt ??= performance.now();
    if (recorder.state !== 'inactive') recorder.stop();
    return this.#stopped;
  }

  /** Stops without delivering anything further (host removed, error). */
  cancel(): void {
    const recorder = this.#recorder;
    this.#recorder = null;
    this.#clearTimers();
    if (recorder && recorder.state !== 'inactive') recorder.stop();
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.cancel();
  }

  #finish(recorder: MediaRecorder, requested: string | null): void {
    this.#clearTimers();
    this.#resolveStopped?.({
      mimeType: recorder.mimeType || requested || '',
      bytes: this.#bytes,
      chunks: this.#chunks,
      durationMs: Math.round((this.#endedAt ?? performance.now()) - this.#startedAt),
    });
    this.#resolveStopped = null;
    this.#host.requestUpdate();
  }

  #clearTimers(): void {
    clearTimeout(this.#limitTimer);
    clearInterval(this.#ticker);
    this.#limitTimer = undefined;
    this.#ticker = undefined;
  }
}
