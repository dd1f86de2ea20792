import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CandidError, CandidErrorCode } from '../errors.js';
import type { InterruptionReason } from '../store/state.js';
import type { SpeechVerdict } from '../vad/types.js';
import type { InterruptionController } from './interruption-controller.js';
import { defaultOutputs, RecorderController, type StartedOutput } from './recorder-controller.js';
import type { Take, UploadController } from './upload-controller.js';
import type { VadController } from './vad-controller.js';

export interface TakeStart {
  stream: MediaStream;
  sessionId: string;
  questionId: string;
  attempt: number;
  /** A practice take is only played back: one recorder, nothing journaled or uploaded. */
  practicing: boolean;
  audioOnly: boolean;
  timesliceMs: number;
  /** Answer time limit (null: none): the recording stops by itself then. */
  limitMs: number | null;
  /** The time limit was reached. */
  onAutoStop: () => void;
  /** Something outside cut the recording short (page hidden, track ended, audio interrupted): stop it as such. */
  onInterrupt: (reason: InterruptionReason) => void;
  onError: (error: CandidError) => void;
}

/**
 * One take, from Record to Submit or Record again: the recorders (video + speech audio), the
 * upload that streams them while they record, the VAD's verdict, and the local copy the candidate
 * watches during review. The flow asks; this controller owns the moving parts.
 */
export class TakeController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #recorder: RecorderController;
  readonly #upload: UploadController;
  readonly #vad: VadController;
  readonly #interruptions: InterruptionController;
  /** The main track's chunks, for local playback. */
  #blobs: Blob[] = [];
  #mimeType = '';
  #playbackUrl: string | null = null;
  /** The upload finishing after Stop (null: practice, or nothing stopped yet). */
  #stopping: Promise<Take> | null = null;
  #speech: Promise<SpeechVerdict | null> | null = null;
  #stopRequested = false;
  #durationMs = 0;

  constructor(host: ReactiveControllerHost, parts: { upload: UploadController; vad: VadController; interruptions: InterruptionController }) {
    this.#host = host;
    this.#recorder = new RecorderController(host);
    this.#upload = parts.upload;
    this.#vad = parts.vad;
    this.#interruptions = parts.interruptions;
    host.addController(this);
  }

  /** `blob:` URL of the take under review (or of a journaled take shown with `show()`). */
  get playbackUrl(): string | null {
    return this.#playbackUrl;
  }

  /** Length of the take under review, as the recorder measured it (webm files carry none). */
  get durationMs(): number {
    return this.#durationMs;
  }

  get recording(): boolean {
    return this.#recorder.recording;
  }

  /** Starts recording; the upload starts once the recorders proved their types (unless practising). */
  start(options: TakeStart): StartedOutput[] {
    this.reset();
    const main = options.audioOnly ? 'audio' : 'video';
    const outputs = this.#recorder.start(options.stream, {
      outputs: defaultOutputs(options.audioOnly).filter((o) => !options.practicing || o.track === main),
      timesliceMs: options.timesliceMs,
      ...(options.limitMs === null ? {} : { maxDurationMs: options.limitMs }),
      // The types really recorded (each output's first chunk checked): the upload starts with them.
      onReady: (recorded, startedAt) => {
        this.#mimeType = recorded.find((o) => o.track === main)?.mimeType ?? '';
        if (!options.practicing) {
          this.#upload.begin({ sessionId: options.sessionId, questionId: options.questionId, attempt: options.attempt, startedAt }, recorded);
        }
      },
      onChunk: (track, blob) => {
        if (track === main) this.#blobs.push(blob);
        if (!options.practicing) this.#upload.append(track, blob);
      },
      // The files begin later than Stop/Record suggested: speech times count from their start.
      onRestart: () => this.#vad.beginAnswer(),
      onAutoStop: options.onAutoStop,
      onError: options.onError,
    });
    this.#interruptions.arm(options.stream, options.onInterrupt);
    this.#vad.beginAnswer();
    return outputs;
  }

  /** Moves the automatic stop (a time extension). */
  setLimit(limitMs: number | null): void {
    this.#recorder.setLimit(limitMs);
  }

  /**
   * Stop (or the time limit): the recorders flush, the upload finishes in the background, and the
   * take can be watched. Resolves with the duration; null if a stop was already under way.
   */
  async stop(practicing: boolean, onUploadError: (err: unknown) => void): Promise<number | null> {
    if (this.#stopRequested) return null; // the button and the time limit at once
    this.#stopRequested = true;
    this.#interruptions.disarm();
    this.#speech = this.#vad.endAnswer(); // the take ends now, not when the recorders have flushed
    const recording = await this.#recorder.stop();
    if (!practicing) {
      const stopping = this.#upload.stop({ durationMs: recording.durationMs });
      stopping.catch(onUploadError);
      this.#stopping = stopping;
      // Journaled with the take, so a commit after a reload still carries the speech segments.
      const take = this.#upload.current;
      const speech = this.#speech;
      if (take) void speech.then((verdict) => (verdict ? this.#upload.markSpeech(take, verdict) : undefined)).catch(() => {});
    }
    this.#durationMs = recording.durationMs;
    this.#setPlayback(new Blob(this.#blobs, this.#mimeType ? { type: this.#mimeType } : {}));
    return recording.durationMs;
  }

  /** Submit: waits for the last bytes (journaled as submitted first), with the VAD's verdict attached. */
  async submit(): Promise<Take> {
    const stopping = this.#stopping;
    if (!stopping) throw new CandidError(CandidErrorCode.UPLOAD_INCOMPLETE, 'No stopped take to submit.', { recoverable: true });
    this.#stopping = null;
    // Journaled first: a reload while the last bytes upload commits the take without asking again.
    const [take] = await Promise.all([stopping, this.#upload.markSubmitted()]);
    take.speech = (await this.#speech) ?? null;
    return take;
  }

  /** Record again: the reviewed take's uploads are deleted on the server and on this device. */
  discard(): void {
    const stopping = this.#stopping;
    this.#stopping = null;
    if (stopping) void stopping.then((take) => this.#upload.drop(take, { terminate: true })).catch(() => {});
    this.reset();
  }

  /** Shows a journaled recording (an interrupted take) for the candidate to watch. */
  show(blob: Blob | null, durationMs: number): void {
    this.reset();
    this.#durationMs = durationMs;
    if (blob) this.#setPlayback(blob);
  }

  /** Stops recording without waiting (error, withdrawal): the recorders' last chunks still reach the journal. */
  cancel(): void {
    this.#interruptions.disarm();
    this.#recorder.cancel();
  }

  /** Forgets the local copy (the server and the journal keep what they have). */
  reset(): void {
    if (this.#playbackUrl) URL.revokeObjectURL(this.#playbackUrl);
    this.#playbackUrl = null;
    this.#blobs = [];
    this.#stopRequested = false;
    this.#durationMs = 0;
    this.#host.requestUpdate();
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#stopping = null;
    this.reset();
  }

  #setPlayback(blob: Blob): void {
    if (this.#playbackUrl) URL.revokeObjectURL(this.#playbackUrl);
    this.#playbackUrl = URL.createObjectURL(blob);
    this.#host.requestUpdate();
  }
}
