import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AUDIO_BITS_PER_SECOND, DEFAULT_TIMESLICE_MS, FIRST_CHUNK_TIMEOUT_MS, SPEECH_BITS_PER_SECOND, VIDEO_BITS_PER_SECOND } from '../constants.js';
import { CandidError, CandidErrorCode } from '../errors.js';
import { devlog } from '../internal/devlog.js';
import { CONTAINER_HEAD_BYTES, headBytesNeeded, startsContainer } from '../media/container-magic.js';
import { candidateTypes, recordableTypes } from '../media/mime.js';

export type OutputTrack = 'video' | 'audio';

/**
 * One file recorded from the shared stream: `video` records the whole stream (camera + mic),
 * `audio` only its audio tracks (the small Opus file that feeds transcription).
 */
export interface RecorderOutput {
  track: OutputTrack;
  /**
   * Container/codec; default: every type the engine says it records for the track kind, best
   * first, each tried in turn until one produces a file. null: the engine's own choice.
   */
  mimeType?: string | null;
  videoBitsPerSecond?: number;
  audioBitsPerSecond?: number;
}

export interface RecordingOptions {
  /** Default: one `video` output. */
  outputs?: RecorderOutput[];
  /** One chunk per output per timeslice (engines may ignore it: WebKit gives about one a second). */
  timesliceMs?: number;
  /** Calls `onAutoStop` after this long (the answer time limit). */
  maxDurationMs?: number;
  /** How long an output may go without its first chunk before the next type is tried. */
  firstChunkTimeoutMs?: number;
  /**
   * Every output produces its file: the types really recorded (an output whose types all failed
   * is left out, unless it is the main one: then `onError`). Called once, before the first
   * `onChunk`; at the latest when the take stops. `startedAt`: `Date.now()` when the files began.
   */
  onReady?: (outputs: StartedOutput[], startedAt: number) => void;
  /** The take started over (its first-choice type recorded nothing): the files begin now. */
  onRestart?: () => void;
  /** Every non-empty blob, in order per track, after `onReady`. The concatenation per track is that file. */
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

/** One output: its current recorder, and the types left to try if that one records nothing. */
interface Running {
  track: OutputTrack;
  /** The video file's audio-only companion: dropped (not fatal) when nothing records it. */
  secondary: boolean;
  init: MediaRecorderOptions;
  source: MediaStream;
  recorder: MediaRecorder;
  mimeType: string;
  fallbacks: string[];
  /** The first chunk of the current recorder started the right container. */
  verified: boolean;
  dropped: boolean;
  bytes: number;
  chunks: number;
  /** The last chunk handed on (a repeat of it is dropped). */
  last: Blob | null;
  /** Chunks of the current recorder gathered before it is verified. */
  probe: Blob[];
  /** The current recorder stopped: its last chunk came, no more bytes will. */
  flushed: boolean;
  /** Chunks held until every output is verified (the upload begins then, with the real types). */
  held: Blob[];
  /** Verification and hand-over of this output's chunks, in order. */
  chain: Promise<void>;
  /** Settles when the current recorder stopped. */
  stopped: Promise<void>;
  firstChunkTimer: ReturnType<typeof setTimeout> | undefined;
}

/** Whether two blobs hold the same bytes (sizes first: almost always different). */
async function sameBytes(a: Blob, b: Blob): Promise<boolean> {
  if (a.size !== b.size) return false;
  const [x, y] = await Promise.all([a.arrayBuffer(), b.arrayBuffer()]);
  const p = new Uint8Array(x);
  const q = new Uint8Array(y);
  for (let i = 0; i < p.length; i++) if (p[i] !== q[i]) return false;
  return true;
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
 * (timesliced chunks, bitrate caps, time limit). The type is chosen by evidence: each output starts
 * with the best type the engine claims, and its first chunk must start that container; a recorder
 * that produces nothing, or something else, is replaced by the next type (Safari has given empty
 * blobs; some engines claim types they record badly). Chunks reach `onChunk` only once every
 * output is verified, so the upload starts with the types really recorded.
 */
export class RecorderController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #running: Running[] = [];
  #options: RecordingOptions | null = null;
  #ready = false;
  #stopping = false;
  #limitTimer: ReturnType<typeof setTimeout> | undefined;
  #ticker: ReturnType<typeof setInterval> | undefined;
  #startedAt = 0;
  /** `Date.now()` at `#startedAt`. */
  #startedWall = 0;
  #endedAt: number | null = null;
  #onAutoStop: (() => void) | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  get recording(): boolean {
    return this.#running.some((r) => !r.dropped && r.recorder.state !== 'inactive');
  }

  /** Bytes emitted so far in the current (or last) take, all outputs. */
  get bytes(): number {
    return this.#running.reduce((sum, r) => sum + r.bytes, 0);
  }

  /**
   * Starts recording `stream` and returns the outputs started with their first-choice types (the
   * ones really recorded come with `onReady`). An `audio` output next to a video one is skipped
   * when no type records it. Throws `RECORDING_UNSUPPORTED` or `RECORDING_FAILED`.
   */
  start(stream: MediaStream, options: RecordingOptions): StartedOutput[] {
    if (this.recording) throw new CandidError(CandidErrorCode.RECORDING_FAILED, 'A recording is already running.');
    const Recorder = (globalThis as { MediaRecorder?: typeof MediaRecorder }).MediaRecorder;
    if (!Recorder) throw new CandidError(CandidErrorCode.RECORDING_UNSUPPORTED, 'MediaRecorder is not available in this browser.');
    const outputs = options.outputs ?? [{ track: 'video' }];
    const running: Running[] = [];
    for (const output of outputs) {
      const audioOnly = output.track === 'audio';
      const secondary = audioOnly && outputs.length > 1;
      const types = output.mimeType === undefined ? recordableTypes(undefined, candidateTypes(output.track)) : [output.mimeType ?? ''];
      if (types.length === 0) {
        if (secondary) continue;
        types.push(''); // nothing claimed: the engine's own choice
      }
      const source = audioOnly ? new MediaStream(stream.getAudioTracks()) : stream;
      const init: MediaRecorderOptions = { audioBitsPerSecond: output.audioBitsPerSecond ?? AUDIO_BITS_PER_SECOND };
      if (!audioOnly) init.videoBitsPerSecond = output.videoBitsPerSecond ?? VIDEO_BITS_PER_SECOND;
      const r = this.#create(output.track, secondary, source, init, types);
      if (r) running.push(r);
      else if (!secondary) {
        throw new CandidError(CandidErrorCode.RECORDING_UNSUPPORTED, `Cannot record ${types.join(' or ') || output.track}.`);
      }
    }

    this.#running = running;
    this.#options = options;
    this.#ready = false;
    this.#stopping = false;
    try {
      for (const r of running) this.#startOne(r);
    } catch (err) {
      this.cancel();
      throw new CandidError(CandidErrorCode.RECORDING_FAILED, `Recording could not start: ${String(err)}`, { recoverable: true, cause: err });
    }
    this.#startedAt = performance.now();
    this.#startedWall = Date.now();
    this.#endedAt = null;
    this.#onAutoStop = options.onAutoStop;
    if (options.maxDurationMs !== undefined && options.maxDurationMs > 0) this.setLimit(options.maxDurationMs);
    // Re-render a few times a second for the elapsed-time display.
    this.#ticker = setInterval(() => this.#host.requestUpdate(), 250);
    return running.map(({ track, mimeType }) => ({ track, mimeType }));
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
    this.#stopping = true; // no more fallbacks: the candidate's take ends here
    this.#clearTimers();
    this.#endedAt ??= performance.now();
    const live = running.filter((r) => !r.dropped);
    for (const r of live) if (r.recorder.state !== 'inactive') r.recorder.stop();
    await Promise.all(live.map((r) => r.stopped));
    await Promise.all(live.map((r) => r.chain));
    // Bytes still gathered (fewer than needed to tell while recording): judged now, all there is.
    for (const r of live) if (!r.verified && !r.dropped && r.probe.length > 0) await this.#take(r, r.recorder, new Blob([]));
    this.#becomeReady(); // a take shorter than its first chunk: what there is goes now
    this.#host.requestUpdate();
    return {
      durationMs: Math.round(this.#endedAt - this.#startedAt),
      outputs: running.filter((r) => !r.dropped).map(({ track, mimeType, bytes, chunks }) => ({ track, mimeType, bytes, chunks })),
    };
  }

  /**
   * Stops without waiting (error, element removed). The recorders' last chunks are still
   * delivered to `onChunk` (once the outputs are verified), so the journal keeps the take up to its very end.
   */
  cancel(): void {
    this.#stopping = true;
    this.#clearTimers();
    for (const r of this.#running) if (!r.dropped && r.recorder.state !== 'inactive') r.recorder.stop();
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.cancel();
  }

  /** A recorder for the first of `types` the engine accepts (constructing can throw), or null. */
  #construct(source: MediaStream, init: MediaRecorderOptions, types: string[]): { recorder: MediaRecorder; mimeType: string; fallbacks: string[] } | null {
    const Recorder = (globalThis as { MediaRecorder: typeof MediaRecorder }).MediaRecorder;
    for (let i = 0; i < types.length; i++) {
      const type = types[i]!;
      try {
        const recorder = new Recorder(source, type ? { ...init, mimeType: type } : init);
        return { recorder, mimeType: recorder.mimeType || type, fallbacks: types.slice(i + 1) };
      } catch {
        // this type after all not: the next one
      }
    }
    return null;
  }

  #create(track: OutputTrack, secondary: boolean, source: MediaStream, init: MediaRecorderOptions, types: string[]): Running | null {
    const made = this.#construct(source, init, types);
    if (!made) return null;
    const r: Running = {
      track,
      secondary,
      init,
      source,
      ...made,
      verified: false,
      dropped: false,
      bytes: 0,
      chunks: 0,
      held: [],
      last: null,
      probe: [],
      flushed: false,
      chain: Promise.resolve(),
      stopped: Promise.resolve(),
      firstChunkTimer: undefined,
    };
    this.#wire(r, r.recorder);
    return r;
  }

  #startOne(r: Running): void {
    const options = this.#options!;
    r.recorder.start(options.timesliceMs ?? DEFAULT_TIMESLICE_MS);
    r.mimeType = r.recorder.mimeType || r.mimeType;
    const timeoutMs = options.firstChunkTimeoutMs ?? FIRST_CHUNK_TIMEOUT_MS;
    const recorder = r.recorder;
    r.firstChunkTimer = setTimeout(() => {
      if (r.recorder === recorder && !r.verified && !this.#stopping) this.#fallBack(r, `no data within ${timeoutMs} ms`);
    }, timeoutMs);
  }

  #wire(r: Running, recorder: MediaRecorder): void {
    r.stopped = new Promise((resolve) =>
      recorder.addEventListener('stop', () => {
        if (r.recorder === recorder) r.flushed = true;
        resolve();
      }),
    );
    recorder.addEventListener('dataavailable', (event: BlobEvent) => {
      // Empty blobs happen (Safari at small timeslices, a final fragment with nothing left): skipped.
      if (r.recorder !== recorder || event.data.size === 0) return;
      const blob = event.data;
      r.chain = r.chain.then(() => this.#take(r, recorder, blob)).catch(() => {});
    });
    recorder.addEventListener('error', (event: Event) => {
      if (!this.#running.includes(r) || r.recorder !== recorder) return;
      const cause = (event as Event & { error?: unknown }).error;
      this.#options?.onError?.(
        new CandidError(CandidErrorCode.RECORDING_FAILED, `Recording failed: ${String(cause ?? 'unknown error')}`, { recoverable: true, cause }),
      );
    });
  }

  /**
   * One chunk of `recorder`. Until the output is verified, chunks gather until they hold enough
   * bytes to tell the container (Chromium's first chunk can be a single byte); then the lot must
   * start the right one, and is handed on.
   */
  async #take(r: Running, recorder: MediaRecorder, blob: Blob): Promise<void> {
    if (r.recorder !== recorder || r.dropped) return;
    if (r.verified) {
      await this.#accept(r, blob);
      return;
    }
    r.probe.push(blob);
    const gathered = new Blob(r.probe);
    // Too few bytes to tell: wait for more, unless the recorder has stopped (a take shorter than that).
    if (gathered.size < headBytesNeeded(r.mimeType) && !r.flushed) return;
    const head = new Uint8Array(await gathered.slice(0, CONTAINER_HEAD_BYTES).arrayBuffer());
    if (r.recorder !== recorder) return;
    if (!startsContainer(r.mimeType, head)) {
      const hex = [...head.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
      this.#fallBack(r, `its first ${gathered.size} B (${hex}…) do not start a ${r.mimeType} file`);
      return;
    }
    r.verified = true;
    clearTimeout(r.firstChunkTimer);
    const probed = r.probe;
    r.probe = [];
    for (const chunk of probed) await this.#accept(r, chunk);
  }

  /** A chunk of a verified output: counted, then held until every output is verified, or handed on. */
  async #accept(r: Running, blob: Blob): Promise<void> {
    // WebKit may write its last fragment twice: a byte-identical repeat would corrupt the file's end.
    if (r.last && (await sameBytes(r.last, blob))) {
      devlog('RECORDER_REPEATED_CHUNK', `The ${r.track} recorder emitted the same ${blob.size} B fragment twice; the repeat is dropped.`, 'info');
      return;
    }
    r.last = blob;
    r.bytes += blob.size;
    r.chunks += 1;
    if (this.#ready) this.#options?.onChunk(r.track, blob);
    else {
      r.held.push(blob);
      if (this.#running.every((o) => o.verified || o.dropped)) this.#becomeReady();
    }
  }

  /** The current recorder of `r` records nothing usable: the next type, or (none left) drop or fail. */
  #fallBack(r: Running, why: string): void {
    clearTimeout(r.firstChunkTimer);
    const failed = r.recorder;
    const failedType = r.mimeType;
    if (failed.state !== 'inactive') failed.stop();
    const next = this.#stopping ? null : this.#construct(r.source, r.init, r.fallbacks);
    devlog('RECORDER_FALLBACK', `The ${r.track} recorder (${failedType || 'default type'}) was given up: ${why}. ${next ? `Recording ${next.mimeType || 'the default type'} instead.` : 'No other type is left.'}`);
    if (!next) {
      if (r.secondary) {
        // The video file's own audio is transcribed instead.
        this.#drop(r);
        if (this.#running.every((o) => o.verified || o.dropped)) this.#becomeReady();
        return;
      }
      this.#options?.onError?.(new CandidError(CandidErrorCode.RECORDING_FAILED, `The browser recorded no playable ${r.track} (${why}).`, { recoverable: true }));
      return;
    }
    this.#replace(r, next);
    try {
      this.#startOne(r);
    } catch (err) {
      this.#fallBack(r, `it could not start (${String(err)})`);
      return;
    }
    if (!r.secondary) this.#restartOthers(r);
  }

  /**
   * The main file starts over (a new type took over): the other outputs start over with it, so
   * every file of the take covers the same span (the speech file's timestamps are the video's).
   * Only before `#ready`: nothing was handed on yet.
   */
  #restartOthers(main: Running): void {
    for (const r of this.#running) {
      if (r === main || r.dropped) continue;
      clearTimeout(r.firstChunkTimer);
      if (r.recorder.state !== 'inactive') r.recorder.stop();
      const again = this.#construct(r.source, r.init, [r.mimeType, ...r.fallbacks]);
      if (!again) {
        this.#drop(r);
        continue;
      }
      this.#replace(r, again);
      try {
        this.#startOne(r);
      } catch {
        this.#drop(r);
      }
    }
    this.#startedAt = performance.now();
    this.#startedWall = Date.now();
    this.#options?.onRestart?.();
  }

  /** `r` records with `made` from now on, from nothing. */
  #replace(r: Running, made: { recorder: MediaRecorder; mimeType: string; fallbacks: string[] }): void {
    Object.assign(r, { ...made, verified: false, held: [], last: null, probe: [], flushed: false, bytes: 0, chunks: 0 });
    this.#wire(r, made.recorder);
  }

  /** `r` records nothing any more (a speech file no type records). */
  #drop(r: Running): void {
    Object.assign(r, { dropped: true, held: [], bytes: 0, chunks: 0, stopped: Promise.resolve() });
  }

  /** Every output is verified (or dropped), or the take stopped: `onReady`, then the held chunks in order. */
  #becomeReady(): void {
    if (this.#ready || !this.#options) return;
    this.#ready = true;
    const options = this.#options;
    const live = this.#running.filter((r) => !r.dropped);
    options.onReady?.(
      live.map(({ track, mimeType }) => ({ track, mimeType })),
      this.#startedWall,
    );
    for (const r of live) {
      const held = r.held;
      r.held = [];
      for (const blob of held) options.onChunk(r.track, blob);
    }
  }

  #clearTimers(): void {
    clearTimeout(this.#limitTimer);
    clearInterval(this.#ticker);
    for (const r of this.#running) clearTimeout(r.firstChunkTimer);
    this.#limitTimer = undefined;
    this.#ticker = undefined;
  }
}
