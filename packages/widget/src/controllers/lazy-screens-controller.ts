import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { devlog } from '../internal/devlog.js';
import type { ScreenModules, ScreenName } from '../lazy/screen-modules.js';
import { importScreen } from '../lazy/screen-source.js';

/** A chunk that failed is tried again after this long (a network blip), when asked for again. */
const RETRY_AFTER_MS = 3000;
/** After this many failures in a row the screen is reported unavailable (assets not hosted). */
const MAX_FAILURES = 3;

interface Entry<K extends ScreenName> {
  module: ScreenModules[K] | null;
  loading: Promise<void> | null;
  failures: number;
  retryAt: number;
}

/**
 * Loads the lazily split screens from `assets-base`: `get()` returns a loaded screen module (or
 * null while it loads, re-rendering the host when it arrives); `prefetch()` starts loads while the
 * screen before is still shown, so a normal link never waits.
 */
export class LazyScreensController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #assetsBase: () => string;
  readonly #onUnavailable: (name: ScreenName, error: unknown) => void;
  readonly #entries = new Map<ScreenName, Entry<ScreenName>>();

  constructor(host: ReactiveControllerHost, options: { assetsBase: () => string; onUnavailable: (name: ScreenName, error: unknown) => void }) {
    this.#host = host;
    this.#assetsBase = options.assetsBase;
    this.#onUnavailable = options.onUnavailable;
    host.addController(this);
  }

  /** The screen's module once loaded; starts (or retries) its load otherwise. */
  get<K extends ScreenName>(name: K): ScreenModules[K] | null {
    const entry = this.#entry(name);
    if (!entry.module) void this.load(name);
    return entry.module;
  }

  /** Starts loading screens the candidate may see next. */
  prefetch(...names: ScreenName[]): void {
    for (const name of names) void this.load(name);
  }

  /** Resolves when the screen is loaded (or its load failed). */
  load(name: ScreenName): Promise<void> {
    const entry = this.#entry(name);
    if (entry.module) return Promise.resolve();
    if (entry.loading) return entry.loading;
    if (entry.failures > 0 && Date.now() < entry.retryAt) return Promise.resolve();
    entry.loading = importScreen(name, this.#assetsBase()).then(
      (module) => {
        entry.module = module;
        entry.failures = 0;
        entry.loading = null;
        this.#host.requestUpdate();
      },
      (err: unknown) => {
        entry.loading = null;
        entry.failures += 1;
        entry.retryAt = Date.now() + RETRY_AFTER_MS;
        devlog(`SCREEN_LOAD_FAILED_${name}`, `The "${name}" screen could not be loaded from assets-base (${String(err)}). Host dist/assets/ next to candid.js or set assets-base.`);
        if (entry.failures >= MAX_FAILURES) this.#onUnavailable(name, err);
        else setTimeout(() => this.#host.requestUpdate(), RETRY_AFTER_MS); // a render asks again
      },
    );
    return entry.loading;
  }

  /** "Try again" after an unavailable screen: counts start over. */
  resetFailures(): void {
    for (const entry of this.#entries.values()) {
      entry.failures = 0;
      entry.retryAt = 0;
    }
  }

  hostConnected(): void {}

  #entry<K extends ScreenName>(name: K): Entry<K> {
    let entry = this.#entries.get(name) as Entry<K> | undefined;
    if (!entry) {
      entry = { module: null, loading: null, failures: 0, retryAt: 0 };
      this.#entries.set(name, entry as Entry<ScreenName>);
    }
    return entry;
  }
}
