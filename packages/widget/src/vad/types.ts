/**
 * Contract between the core widget and the lazily loaded VAD chunk (`assets/candid-vad.js`, built
 * from `engine.ts`). The core imports only these types, so no VAD code lands in `candid.js`.
 */

export interface VadEngineOptions {
  /** Absolute URL of the folder holding the worklet, the Silero model and the ort wasm files (ends with `/`). */
  assetsBase: string;
  /** One call per analysed frame (`frameMs` of audio), in order: the speech probability 0..1. */
  onFrame: (probability: number) => void;
  /** The audio clock restarted (context resumed after a suspension): frame counting starts over. */
  onRestart: () => void;
  /** The system interrupted the audio context (Safari's `interrupted` state: a call, another app's audio). */
  onInterrupted?: () => void;
}

/** A running voice activity detector on a MediaStream the widget owns (it never stops its tracks). */
export interface VadEngine {
  /** Audio per frame, in ms (32 with Silero v5). */
  readonly frameMs: number;
  /** Listens to `stream`'s audio track (switching from a previous stream). Frames restart at 0. */
  connect(stream: MediaStream): Promise<void>;
  /** Stops listening (the tracks keep running). */
  disconnect(): Promise<void>;
  /** Resumes a suspended audio context (call from a user gesture). */
  resume(): void;
  /** Releases the model and the audio context. */
  destroy(): Promise<void>;
}

/** What `candid-vad.js` exports. */
export interface VadModule {
  createVadEngine(options: VadEngineOptions): Promise<VadEngine>;
}

/** A stretch of speech, in ms from the start of the recording (the commit's `speechSegments`). */
export interface SpeechSpan {
  startMs: number;
  endMs: number;
}

/** The VAD's verdict on one answer, sent with its commit. */
export interface SpeechVerdict {
  speechSegments: SpeechSpan[];
  /** No speech heard (total speech below `SILENT_BELOW_MS`): the server skips transcription. */
  silent: boolean;
}
