import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface ConnectivityOptions {
  /** The browser went online or offline (`navigator.onLine`). */
  onChange: (online: boolean) => void;
  /** Whether bytes exist that the server does not have yet (asked on `beforeunload`). */
  hasUnsentBytes: () => boolean;
}

/**
 * Online/offline events, and the browser's leave-page prompt while recorded bytes are unsent.
 * The `beforeunload` listener is only installed while it is needed (`guard(true)`): a permanent one
 * would keep some browsers from putting the page in the back/forward cache.
 */
export class ConnectivityController implements ReactiveController {
  readonly #options: ConnectivityOptions;
  #guarding = false;

  constructor(host: ReactiveControllerHost, options: ConnectivityOptions) {
    this.#options = options;
    host.addController(this);
  }

  /** `navigator.onLine` (true where unknown). */
  get online(): boolean {
    return (globalThis.navigator as Navigator | undefined)?.onLine !== false;
  }

  /** Installs or removes the leave-page prompt. */
  guard(on: boolean): void {
    if (on === this.#guarding || typeof window === 'undefined') return;
    this.#guarding = on;
    if (on) window.addEventListener('beforeunload', this.#onBeforeUnload);
    else window.removeEventListener('beforeunload', this.#onBeforeUnload);
  }

  hostConnected(): void {
    if (typeof window === 'undefined') return;
    window.addEventListener('online', this.#onOnline);
    window.addEventListener('offline', this.#onOffline);
  }

  hostDisconnected(): void {
    if (typeof window === 'undefined') return;
    window.removeEventListener('online', this.#onOnline);
    window.removeEventListener('offline', this.#onOffline);
    this.guard(false);
  }

  #onOnline = (): void => this.#options.onChange(true);
  #onOffline = (): void => this.#options.onChange(false);

  #onBeforeUnload = (event: BeforeUnloadEvent): void => {
    if (!this.#options.hasUnsentBytes()) return;
    event.preventDefault();
    event.returnValue = ''; // older browsers need a (ignored) string
  };
}
