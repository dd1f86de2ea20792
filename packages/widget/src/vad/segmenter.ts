/**
 * Turns per-frame speech probabilities into speech segments (frame indices), with hysteresis:
 * a segment opens on a frame at or above `positive`, stays open through frames at or above
 * `negative`, and closes after `redemptionFrames` quieter frames, ending after its last speech
 * frame. Segments with fewer than `minSpeechFrames` confident frames are dropped (clicks, coughs).
 *
 * Our own segmentation (rather than vad-web's onSpeechStart/End events) because those events come
 * `redemptionMs` late and carry no timestamps; here every boundary is a frame index, so its time is
 * exact to one frame.
 */
export interface SegmenterOptions {
  positive: number;
  negative: number;
  redemptionFrames: number;
  minSpeechFrames: number;
}

/** `end` is exclusive: the segment covers frames `start .. end - 1`. */
export interface FrameSpan {
  start: number;
  end: number;
}

interface Open {
  start: number;
  lastSpeech: number;
  speechFrames: number;
}

export class SpeechSegmenter {
  readonly #options: SegmenterOptions;
  readonly #closed: FrameSpan[] = [];
  #open: Open | null = null;
  #quiet = 0;
  #frames = 0;

  constructor(options: SegmenterOptions) {
    this.#options = options;
  }

  /** Frames seen so far (the index of the next frame). */
  get frames(): number {
    return this.#frames;
  }

  /** A segment is open and already long enough to count: someone is speaking right now. */
  get speaking(): boolean {
    return this.#open !== null && this.#open.speechFrames >= this.#options.minSpeechFrames;
  }

  push(probability: number): void {
    const i = this.#frames++;
    const { positive, negative, redemptionFrames } = this.#options;
    const open = this.#open;
    if (!open) {
      if (probability >= positive) this.#open = { start: i, lastSpeech: i, speechFrames: 1 };
      return;
    }
    if (probability >= negative) {
      open.lastSpeech = i;
      this.#quiet = 0;
      if (probability >= positive) open.speechFrames += 1;
      return;
    }
    this.#quiet += 1;
    if (this.#quiet >= redemptionFrames) this.#close();
  }

  /** Closed segments plus the open one if it counts (cut at its last speech frame). */
  segments(): FrameSpan[] {
    const open = this.#open;
    const all = [...this.#closed];
    if (open && open.speechFrames >= this.#options.minSpeechFrames) all.push({ start: open.start, end: open.lastSpeech + 1 });
    return all;
  }

  #close(): void {
    const open = this.#open!;
    if (open.speechFrames >= this.#options.minSpeechFrames) this.#closed.push({ start: open.start, end: open.lastSpeech + 1 });
    this.#open = null;
    this.#quiet = 0;
  }
}
