import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { devlog } from '../internal/devlog.js';
import { loadVadModule } from '../vad/load.js';
import { SpeechSegmenter, type SegmenterOptions } from '../vad/segmenter.js';
import type { SpeechVerdict, VadEngine } from '../vad/types.js';

export type VadStatus = 'idle' | 'loading' | 'ready' | 'unavailable';

/** Hysteresis for Silero v5 frames of 32 ms: 0.7 s of quiet ends a segment, 0.25 s of speech makes one. */
export const SEGMENTER_OPTIONS: SegmenterOptions = { positive: 0.5, negative: 0.35, redemptionFrames: 22, minSpeechFrames: 8 };
/** Without speech this long into an answer, the candidate gets a gentle nudge. */
export const NUDGE_AFTER_MS = 5000;
/** An answer with less speech than this in total is flagged `silent`. */
export const SILENT_BELOW_MS = 300;
/** The VAD must have listened from this close to the start of an answer to judge it. */
const COVERAGE_SLACK_MS = 250;
/** How long `endAnswer()` waits for the frames up to Stop to be analysed (a busy CPU lags). */
const TAIL_WAIT_MS = 1500;
/** Unanalysed audio at the end of an answer beyond which the VAD gives no verdict. */
const MAX_TAIL_GAP_MS = 1000;

export interface VadControllerOptions {
  /** Absolute URL of the assets folder (see `resolveAssetsBase`). */
  assetsBase: () => string;
  /** The system interrupted the audio context (a phone call on iOS). */
  onAudioInterrupted?: () => void;
}

/** One stretch of listening with a continuous frame clock (a stream, until it changes or restarts). */
class Listening {
  readonly segmenter = new SpeechSegmenter(SEGMENTER_OPTIONS);
  /** performance.now() of frame 0's start: the earliest arrival minus the audio it covers. */
  anchor = Number.POSITIVE_INFINITY;
  lastArrival = 0;
  constructor(readonly frameMs: number) {}

  push(probability: number, arrival: number): void {
    // A frame cannot arrive before its audio was captured: the tightest one fixes the clock.
    this.anchor = Math.min(this.anchor, arrival - (this.segmenter.frames + 1) * this.frameMs);
    this.lastArrival = arrival;
    this.segmenter.push(probability);
  }

  /** performance.now() time of a frame boundary. */
  at(frame: number): number {
    return this.anchor + frame * this.frameMs;
  }

  /** performance.now() up to which audio has been analysed. */
  get analysedUntil(): number {
    return this.segmenter.frames === 0 ? Number.NEGATIVE_INFINITY : this.at(this.segmenter.frames);
  }

  get startedAt(): number {
    return this.segmenter.frames === 0 ? Number.POSITIVE_INFINITY : this.anchor;
  }
}

/**
 * Voice activity detection on the shared MediaStream (vad-web + Silero, loaded on first use from
 * `assets-base`). Gives the device check its "we can hear you" tick, nudges a candidate who has not
 * spoken `NUDGE_AFTER_MS` into an answer, and yields each answer's speech segments (ms from the
 * recording start) and `silent` flag. If anything fails to load (404, CSP, no wasm), it logs for the
 * developer, reports `unavailable`, and the interview goes on without it.
 */
export class VadController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: VadControllerOptions;
  #status: VadStatus = 'idle';
  #engine: VadEngine | null = null;
  #stream: MediaStream | null = null;
  /** Serialises connect/disconnect calls to the engine. */
  #queue: Promise<void> = Promise.resolve();
  #listening: Listening | null = null;
  #heardSpeech = false;
  #answerStart: number | null = null;
  #spokeInAnswer = false;
  #noSpeechYet = false;
  #nudgeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost, options: VadControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  get status(): VadStatus {
    return this.#status;
  }
  /** Frames are being analysed right now (loaded, attached, audio context running). */
  get listening(): boolean {
    return (this.#listening?.segmenter.frames ?? 0) > 0;
  }
  /** Speech was heard on the current stream (device check tick). */
  get heardSpeech(): boolean {
    return this.#heardSpeech;
  }
  /** `NUDGE_AFTER_MS` into the current answer and no speech yet. */
  get noSpeechYet(): boolean {
    return this.#noSpeechYet;
  }

  /** Listens to `stream` (null: stop listening). Loads the VAD on the first stream. Cheap to call on every update. */
  attach(stream: MediaStream | null): void {
    if (stream === this.#stream) return;
    this.#stream = stream;
    this.#heardSpeech = false;
    if (stream && this.#status === 'idle') {
      this.#status = 'loading';
      void this.#load();
      return;
    }
    if (this.#status === 'ready') this.#connect(stream);
  }

  /** Resumes a suspended audio context (call from a click handler). */
  resume(): void {
    this.#engine?.resume();
  }

  /** The recording started now. */
  beginAnswer(): void {
    this.#answerStart = performance.now();
    this.#spokeInAnswer = false;
    this.#setNoSpeechYet(false);
    clearTimeout(this.#nudgeTimer);
    this.#nudgeTimer = setTimeout(() => {
      const start = this.#answerStart;
      // Only when the VAD really listened (frames are flowing): never blame the microphone for our own failure.
      const l = this.#listening;
      const listened = !!l && start !== null && l.startedAt <= start + COVERAGE_SLACK_MS && l.analysedUntil > performance.now() - 1000;
      if (start !== null && !this.#spokeInAnswer && listened) this.#setNoSpeechYet(true);
    }, NUDGE_AFTER_MS);
  }

  /**
   * The recording stopped now: waits briefly for the last frames, then returns the answer's speech
   * segments and `silent` flag, or null if the VAD did not hear the whole answer (not loaded in
   * time, failed, stream switched): the commit then goes without them.
   */
  async endAnswer(): Promise<SpeechVerdict | null> {
    const start = this.#answerStart;
    const end = performance.now();
    this.#answerStart = null;
    clearTimeout(this.#nudgeTimer);
    this.#setNoSpeechYet(false);
    const listening = this.#listening;
    if (start === null || !listening || this.#status !== 'ready') return null;
    const until = end + TAIL_WAIT_MS;
    while (listening.analysedUntil < end - listening.frameMs && performance.now() < until && this.#listening === listening) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (this.#listening !== listening || listening.startedAt > start + COVERAGE_SLACK_MS || listening.analysedUntil < end - MAX_TAIL_GAP_MS) {
      devlog('VAD_PARTIAL', 'The VAD did not hear the whole answer; it is committed without speech segments.', 'info');
      return null;
    }
    const durationMs = end - start;
    const speechSegments = listening.segmenter
      .segments()
      .map((s) => ({
        startMs: Math.max(0, Math.round(listening.at(s.start) - start)),
        endMs: Math.min(Math.round(durationMs), Math.round(listening.at(s.end) - start)),
      }))
      .filter((s) => s.endMs > s.startMs);
    const speechMs = speechSegments.reduce((sum, s) => sum + s.endMs - s.startMs, 0);
    return { speechSegments, silent: speechMs < SILENT_BELOW_MS };
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    clearTimeout(this.#nudgeTimer);
    this.#stream = null;
    this.#listening = null;
    const engine = this.#engine;
    this.#engine = null;
    if (engine) this.#queue = this.#queue.then(() => engine.destroy()).catch(() => {});
    if (this.#status !== 'unavailable') this.#status = 'idle';
  }

  async #load(): Promise<void> {
    try {
      const mod = await loadVadModule(this.#options.assetsBase());
      const engine = await mod.createVadEngine({
        assetsBase: this.#options.assetsBase(),
        onFrame: (p) => this.#frame(engine, p),
        onRestart: () => {
          if (this.#engine === engine && this.#listening) this.#listening = new Listening(engine.frameMs);
        },
        onInterrupted: () => {
          if (this.#engine === engine) this.#options.onAudioInterrupted?.();
        },
      });
      if (this.#status !== 'loading') {
        await engine.destroy(); // host disconnected meanwhile
        return;
      }
      this.#engine = engine;
      this.#status = 'ready';
      this.#connect(this.#stream);
    } catch (err) {
      this.#unavailable(err);
    }
    this.#host.requestUpdate();
  }

  #connect(stream: MediaStream | null): void {
    const engine = this.#engine;
    if (!engine) return;
    this.#listening = null;
    this.#queue = this.#queue
      .then(async () => {
        if (this.#engine !== engine || this.#stream !== stream) return; // superseded
        if (!stream?.getAudioTracks().length) return engine.disconnect();
        await engine.connect(stream);
        if (this.#stream === stream) this.#listening = new Listening(engine.frameMs);
      })
      .catch((err) => this.#unavailable(err));
  }

  #frame(engine: VadEngine, probability: number): void {
    const listening = this.#listening;
    if (this.#engine !== engine || !listening) return;
    listening.push(probability, performance.now());
    if (listening.segmenter.frames === 1) this.#host.requestUpdate(); // `listening` became true
    if (!listening.segmenter.speaking) return;
    const start = this.#answerStart;
    if (!this.#heardSpeech) {
      this.#heardSpeech = true;
      this.#host.requestUpdate();
    }
    if (start !== null && !this.#spokeInAnswer && listening.analysedUntil > start) {
      this.#spokeInAnswer = true;
      this.#setNoSpeechYet(false);
    }
  }

  #setNoSpeechYet(value: boolean): void {
    if (this.#noSpeechYet === value) return;
    this.#noSpeechYet = value;
    this.#host.requestUpdate();
  }

  #unavailable(err: unknown): void {
    this.#status = 'unavailable';
    this.#listening = null;
    const engine = this.#engine;
    this.#engine = null;
    void engine?.destroy().catch(() => {});
    // Developers only: candidates see nothing, answers are committed without speech segments.
    devlog('VAD_UNAVAILABLE', `Voice activity detection is off (${String((err as Error)?.message ?? err)}). Check assets-base and the CSP (see docs/csp.md).`);
    this.#host.requestUpdate();
  }
}
