import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Re-renders the host a few times a second while `active` (countdowns), and calls `onTick` each
 * time (time-based announcements and deadlines). Stops with the host.
 */
export class TickerController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #onTick: () => void;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(host: ReactiveControllerHost, onTick: () => void, readonly intervalMs = 250) {
    this.#host = host;
    this.#onTick = onTick;
    host.addController(this);
  }

  set active(on: boolean) {
    if (on && this.#timer === undefined) {
      this.#timer = setInterval(() => {
        this.#onTick();
        this.#host.requestUpdate();
      }, this.intervalMs);
    } else if (!on && this.#timer !== undefined) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.active = false;
  }
}
