import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { devlog } from '../internal/devlog.js';
import type { InterviewState, Phase, ReadonlyStore } from '../store/state.js';

/** While a question is under way (think time, recording, its last bytes): the screen stays on. */
const AWAKE_PHASES: ReadonlySet<Phase> = new Set(['ready', 'recording', 'finishing']);

interface WakeLockSentinelLike extends EventTarget {
  readonly released: boolean;
  release(): Promise<void>;
}
type WakeLockLike = { request(type: 'screen'): Promise<WakeLockSentinelLike> };

/**
 * Keeps a phone's screen from dimming and locking while the candidate thinks and answers (a locked
 * screen stops the camera). Screen Wake Lock API where the browser has it; nothing where it does not
 * (logged once). The browser releases the lock when the page is hidden: it is taken again when the
 * page is visible and a question is still under way.
 */
export class WakeLockController implements ReactiveController {
  readonly #store: ReadonlyStore<InterviewState>;
  #sentinel: WakeLockSentinelLike | null = null;
  #requesting: Promise<void> | null = null;
  #unsubscribe: (() => void) | null = null;
  readonly #onVisibility = () => this.#sync();

  constructor(host: ReactiveControllerHost, store: ReadonlyStore<InterviewState>) {
    this.#store = store;
    host.addController(this);
  }

  /** Whether the screen wake lock is held right now. */
  get held(): boolean {
    return this.#sentinel !== null && !this.#sentinel.released;
  }

  hostConnected(): void {
    this.#unsubscribe = this.#store.subscribe(() => this.#sync());
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#sync();
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#release();
  }

  #sync(): void {
    const wanted = AWAKE_PHASES.has(this.#store.getState().phase) && document.visibilityState === 'visible';
    if (wanted && !this.held) void this.#acquire();
    else if (!wanted && this.held) this.#release();
  }

  async #acquire(): Promise<void> {
    const wakeLock = (navigator as Navigator & { wakeLock?: WakeLockLike }).wakeLock;
    if (!wakeLock) {
      devlog('WAKE_LOCK_UNAVAILABLE', 'This browser has no Screen Wake Lock API: the screen may dim while the candidate answers.', 'info');
      return;
    }
    if (this.#requesting) return this.#requesting;
    this.#requesting = (async () => {
      try {
        const sentinel = await wakeLock.request('screen');
        this.#sentinel = sentinel;
        // The phase may have moved on while the request was pending.
        if (!AWAKE_PHASES.has(this.#store.getState().phase)) this.#release();
      } catch (err) {
        devlog('WAKE_LOCK_UNAVAILABLE', `The screen wake lock was refused (${String(err)}): the screen may dim while the candidate answers.`, 'info');
      } finally {
        this.#requesting = null;
      }
    })();
    return this.#requesting;
  }

  #release(): void {
    const sentinel = this.#sentinel;
    this.#sentinel = null;
    if (sentinel && !sentinel.released) void sentinel.release().catch(() => {});
  }
}
