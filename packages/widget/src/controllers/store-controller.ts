import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadonlyStore } from '../store/interview-store.js';

/**
 * Subscribes a Lit host to a zustand store: `value` holds the selected slice and the host
 * re-renders when it changes. Unsubscribes when the host disconnects.
 */
export class StoreController<S, T = S> implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #store: ReadonlyStore<S>;
  readonly #select: (state: S) => T;
  readonly #equals: (a: T, b: T) => boolean;
  #unsubscribe: (() => void) | null = null;
  #value: T;

  constructor(
    host: ReactiveControllerHost,
    store: ReadonlyStore<S>,
    select: (state: S) => T = (state) => state as unknown as T,
    equals: (a: T, b: T) => boolean = Object.is,
  ) {
    this.#host = host;
    this.#store = store;
    this.#select = select;
    this.#equals = equals;
    this.#value = select(store.getState());
    host.addController(this);
  }

  /** The selected slice, current as of the last store change. */
  get value(): T {
    return this.#value;
  }

  hostConnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = this.#store.subscribe((state) => this.#update(state));
    this.#update(this.#store.getState()); // catch up on changes made while disconnected
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  #update(state: S): void {
    const next = this.#select(state);
    if (this.#equals(next, this.#value)) return;
    this.#value = next;
    this.#host.requestUpdate();
  }
}
