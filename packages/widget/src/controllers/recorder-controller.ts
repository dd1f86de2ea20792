import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AUDIO_BITS_PER_SECOND, DEFAULT_TIMESLICE_MS, SPEECH_BITS_PER_SECOND, VIDEO_BITS_PER_SECOND } from '../constants.js';
import { CandidError, CandidErrorCode } from '../errors.js';
import { negotiateAudioMimeType, negotiateMimeType } from '../media/mime.js';

export type OutputTrack = 'video' | 'audio';

/**
 * One file recorded from the shared stream: `video` records the whole stream (camera + mic),
 * `audio` only its audio tracks (the small Opus file that feeds transcription).
 */
export interface RecorderOutput {
  track: OutputTrack;
  /** Container/codec; default: negotiated with `MediaRecorder.isTypeSupported` for the track kind. */
  mimeType?: string | null;
  videoBitsPerSecond?: number;
  audioBitsPerSecond?: number;
}

export interface RecordingOptions {
  /** Default: one `video` output. */
  outputs?: RecorderOutput[];
  /** One chunk per output per timeslice. */
  timesliceMs?: number;
  /** Calls `onAutoStop` after this long (the answer time limit). */
  maxDurationMs?: number;
  /** Every non-empty blob, in order per track. The concatenation per track is that file. */
  onChunk: (track: OutputTrack, blob: Blob) => void;
  /** The time limit was reached; the host should stop the take as if "Stop" was pressed. */
  onAutoStop?: () => void;
  onError?: (error: CandidError) => void;
}

export interface StartedOutput {
  track: OutputTrack;
  mimeType: string;
}

export interface RecordingResult {
  durationMs: number;
  outputs: Array<StartedOutput & { bytes: number; chunks: number }>;
}

interface Running {
  track: OutputTrack;
  recorder: MediaRecorder;
  mimeType: string;
  bytes: number;
  chunks: number;
  stopped: Promise<void>;
}

/** Default outputs: the video file at capped bitrates, plus the audio-only speech file. */
export function defaultOutputs(audioOnly: boolean): RecorderOutput[] {
  if (audioOnly) return [{ track: 'audio', audioBitsPerSecond: AUDIO_BITS_PER_SECOND }];
  return [
    { track: 'video', videoBitsPerSecond: VIDEO_BITS_PER_SECOND, audioBitsPerSecond: AUDIO_BITS_PER_SECOND },
    { track: 'audio', audioBitsPerSecond: SPEECH_BITS_PER_SECOND },
  ];
}

/**
 * Records one take at a time from ONE shared MediaStream, with one MediaRecorder per output
 * (timesliced chunks, mime negotiation, bitrate caps, time limit).
 */
export class RecorderController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #running: Running[] = [];
  #limitTimer: ReturnType<typeof setTimeout> | undefined;
  #ticker: ReturnType<typeof setInterval> | undefined;
  #startedAt = 0;
  #endedAt: number | null = null;
  #onAutoStop: (() => void) | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  get recording(): boolean {
    return this.#running.some((r) => r.recorder.state !== 'inactive');
  }

  /** Bytes emitted so far in the current (or last) take, all outputs. */
  get bytes(): number {
    return this.#running.reduce((sum, r) => sum + r.bytes, 0);
  }

  /**
   * Starts recording `stream` and returns the outputs started with their mime types. An `audio`
   * output whose type no recorder supports is skipped (the video file's audio is then the only
   * one). Throws `RECORDING_UNSUPPORTED` or `RECORDING_FAILED`.
   */
  start(stream: MediaStream, options: RecordingOptions): StartedOutput[] {
    if (this.recording) throw new CandidError(CandidErrorCode.RECORDING_FAILED, 'A recording is already running.');
    const Recorder = (globalThis as { MediaRecorder?: typeof MediaRecorder }).MediaRecorder;
    if (!Recorder) throw new CandidError(CandidErrorCode.RECORDING_UNSUPPORTED, 'MediaRecorder is not available in this browser.');
    const outputs = options.outputs ?? [{ track: 'video' }];
    const running: Running[] = [];
    for (const output of outputs) {
      const audioOnly = output.track === 'audio';
      const mimeType = output.mimeType === undefined ? (audioOnly ? negotiateAudioMimeType() : negotiateMimeType()) : output.mimeType;
      const secondary = audioOnly && outputs.length > 1;
      if (audioOnly && !mimeType && secondary) continue;
      const source = audioOnly ? new MediaStream(stream.getAudioTracks()) : stream;
      const init: MediaRecorderOptions = { audioBitsPerSecond: output.audioBitsPerSecond ?? AUDIO_BITS_PER_SECOND };
      if (!audioOnly) init.videoBitsPerSecond = output.videoBitsPerSecond ?? VIDEO_BITS_PER_SECOND;
      if (mimeType) init.mimeType = mimeType;
      try {
        const recorder = new Recorder(source, init);
        running.push(this.#wire(recorder, output.track, recorder.mimeType || mimeType || '', options));
      } catch (err) {
        if (secondary) continue;
        throw new CandidError(CandidErrorCode.RECORDING_UNSUPPORTED, `Cannot record ${mimeType ?? output.track}: ${String(err)}`, { cause: err });
      }
    }

    this.#running = running;
    try {
      for (const r of running) r.recorder.start(options.timesliceMs ?? DEFAULT_TIMESLICE_MS);
    } catch (err) {
      this.cancel();
      throw new CandidError(CandidErrorCode.RECORDING_FAILED, `Recording could not start: ${String(err)}`, { recoverable: true, cause: err });
    }
    this.#startedAt = performance.now();
    this.#endedAt = null;
    this.#onAutoStop = options.onAutoStop;
    if (options.maxDurationMs !== undefined && options.maxDurationMs > 0) this.setLimit(options.maxDurationMs);
    // Re-render a few times a second for the elapsed-time display.
    this.#ticker = setInterval(() => this.#host.requestUpdate(), 250);
    return running.map(({ track, recorder, mimeType }) => ({ track, mimeType: recorder.mimeType || mimeType }));
  }

  /** Moves the automatic stop to `limitMs` after the start (a time extension); null removes it. */
  setLimit(limitMs: number | null): void {
    clearTimeout(this.#limitTimer);
    this.#limitTimer = undefined;
    if (limitMs === null || !this.recording) return;
    const left = Math.max(0, limitMs - (performance.now() - this.#startedAt));
    this.#limitTimer = setTimeout(() => this.#onAutoStop?.(), left);
  }

  /** Stops the take; resolves after every recorder emitted its last chunk. Idempotent. */
  async stop(): Promise<RecordingResult> {
    const running = this.#running;
    if (running.length === 0) throw new CandidError(CandidErrorCode.RECORDING_FAILED, 'No recording to stop.');
    this.#clearTimers();
    this.#endedAt ??= performance.now();
    for (const r of running) if (r.recorder.state !== 'inactive') r.recorder.stop();
    await Promise.all(running.map((r) => r.stopped));
    this.#host.requestUpdate();
    return {
      durationMs: Math.round(this.#endedAt - this.#startedAt),
      outputs: running.map(({ track, recorder, mimeType, bytes, chunks }) => ({ track, mimeType: recorder.mimeType || mimeType, bytes, chunks })),
    };
  }

  /**
   * Stops without waiting (error, element removed). The recorders' last chunks are still
   * delivered to `onChunk`, so the journal keeps the take up to its very end.
   */
  cancel(): void {
    this.#clearTimers();
    for (const r of this.#running) if (r.recorder.state !== 'inactive') r.recorder.stop();
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.cancel();
  }

  #wire(recorder: MediaRecorder, track: OutputTrack, mimeType: string, options: RecordingOptions): Running {
    let resolveStopped!: () => void;
    const r: Running = { track, recorder, mimeType, bytes: 0, chunks: 0, stopped: new Promise((resolve) => (resolveStopped = resolve)) };
    recorder.addEventListener('dataavailable', (event: BlobEvent) => {
      if (event.data.size === 0) return;
      r.bytes += event.data.size;
      r.chunks += 1;
      options.onChunk(track, event.data);
    });
    recorder.addEventListener('stop', () => resolveStopped());
    recorder.addEventListener('error', (event: Event) => {
      if (!this.#running.includes(r)) return;
      const cause = (event as Event & { error?: unknown }).error;
      options.onError?.(
        new CandidError(CandidErrorCode.RECORDING_FAILED, `Recording failed: ${String(cause ?? 'unknown error')}`, { recoverable: true, cause }),
      );
    });
    return r;
  }

  #clearTimers(): void {
    clearTimeout(this.#limitTimer);
    clearInterval(this.#ticker);
    this.#limitTimer = undefined;
    this.#ticker = undefined;
  }
}
