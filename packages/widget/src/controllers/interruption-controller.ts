import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { InterruptionReason } from '../store/state.js';

interface Armed {
  stream: MediaStream;
  onInterrupt: (reason: InterruptionReason) => void;
  poll: ReturnType<typeof setInterval>;
}

/**
 * How often track states are read while armed: a track can end without an `ended` event (stopped
 * by other code on the page; engines that miss the event).
 */
const TRACK_POLL_MS = 500;

/**
 * Watches, while a take records, for what ends it from outside the widget: the page hidden or left
 * (an app switch, a locked phone, another tab: phones stop the camera then, and a take recorded
 * half in the dark is no answer), a camera or microphone track that ended (unplugged, taken by
 * another app, revoked), and an audio session interrupted (a phone call; `audioInterrupted()` is
 * called by the VAD's audio context). Reports the first one once per `arm()`.
 */
export class InterruptionController implements ReactiveController {
  #armed: Armed | null = null;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Watches `stream` and the page until `disarm()` or the first interruption. */
  arm(stream: MediaStream, onInterrupt: (reason: InterruptionReason) => void): void {
    this.disarm();
    const poll = setInterval(() => {
      if (stream.getTracks().some((t) => t.readyState === 'ended')) this.#fire('device');
    }, TRACK_POLL_MS);
    this.#armed = { stream, onInterrupt, poll };
    document.addEventListener('visibilitychange', this.#onVisibility);
    window.addEventListener('pagehide', this.#onPageHide);
    for (const track of stream.getTracks()) track.addEventListener('ended', this.#onTrackEnded);
    // Already cut before the first event could tell (think time ended in a hidden tab, a track died).
    if (document.visibilityState === 'hidden') queueMicrotask(() => this.#fire('hidden'));
    else if (stream.getTracks().some((t) => t.readyState === 'ended')) queueMicrotask(() => this.#fire('device'));
  }

  disarm(): void {
    const armed = this.#armed;
    if (!armed) return;
    this.#armed = null;
    clearInterval(armed.poll);
    document.removeEventListener('visibilitychange', this.#onVisibility);
    window.removeEventListener('pagehide', this.#onPageHide);
    for (const track of armed.stream.getTracks()) track.removeEventListener('ended', this.#onTrackEnded);
  }

  /** The audio context listening to the take was interrupted by the system. */
  audioInterrupted(): void {
    this.#fire('audio');
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.disarm();
  }

  #onVisibility = (): void => {
    if (document.visibilityState === 'hidden') this.#fire('hidden');
  };

  #onPageHide = (): void => this.#fire('hidden');

  #onTrackEnded = (): void => this.#fire('device');

  #fire(reason: InterruptionReason): void {
    const armed = this.#armed;
    if (!armed) return;
    this.disarm();
    armed.onInterrupt(reason);
  }
}
