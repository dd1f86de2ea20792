import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Live microphone level of the shared stream (AudioContext + AnalyserNode), for the device check.
 * `level` is 0..1 on a -60..0 dBFS scale; the host re-renders when it moves noticeably. The audio
 * context is closed when metering stops (`attach(null)`) and when the host disconnects.
 */
export class MicLevelController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #stream: MediaStream | null = null;
  #context: AudioContext | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;
  #level = 0;
  /** Highest level seen since metering started (tells "we heard you" from silence). */
  #peak = 0;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  get level(): number {
    return this.#level;
  }
  get peak(): number {
    return this.#peak;
  }

  /** Meters `stream`'s audio (null stops). Cheap to call on every update. */
  attach(stream: MediaStream | null): void {
    if (stream === this.#stream) return;
    this.#release();
    this.#stream = stream;
    const track = stream?.getAudioTracks()[0];
    const Context = (globalThis as { AudioContext?: typeof AudioContext }).AudioContext;
    if (!stream || !track || !Context) return;
    try {
      const context = new Context();
      const analyser = context.createAnalyser();
      analyser.fftSize = 1024;
      context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
      const samples = new Float32Array(analyser.fftSize);
      this.#context = context;
      // Contexts created without a user gesture start suspended in some browsers.
      if (context.state === 'suspended') void context.resume().catch(() => {});
      this.#timer = setInterval(() => {
        analyser.getFloatTimeDomainData(samples);
        let sum = 0;
        for (const s of samples) sum += s * s;
        const rms = Math.sqrt(sum / samples.length);
        const level = rms > 0 ? Math.min(1, Math.max(0, (20 * Math.log10(rms) + 60) / 60)) : 0;
        this.#peak = Math.max(this.#peak, level);
        if (Math.abs(level - this.#level) >= 0.02) {
          this.#level = level;
          this.#host.requestUpdate();
        }
      }, 100);
    } catch {
      this.#release(); // no Web Audio: the meter stays at 0
    }
  }

  /** Resumes a suspended context (call from a click handler). */
  resume(): void {
    if (this.#context?.state === 'suspended') void this.#context.resume().catch(() => {});
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#release();
    this.#stream = null;
  }

  #release(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    void this.#context?.close().catch(() => {});
    this.#context = null;
    this.#level = 0;
    this.#peak = 0;
  }
}
