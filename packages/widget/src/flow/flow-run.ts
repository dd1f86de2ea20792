import { CandidError, CandidErrorCode } from '../errors.js';

/**
 * One run of the interview flow: from a token (and endpoint) until the next token, "Try again", or
 * the element's removal. Async work awaits through `step()`, which throws `ABORTED` once the run has
 * ended, so a late answer of an old run never moves the current one. Replaces hand-written
 * "is this run still current" checks after every `await`.
 */
export class FlowRun {
  readonly #abort = new AbortController();

  /** Aborted when the run ends: pass it to fetches that should stop with it. */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  get active(): boolean {
    return !this.#abort.signal.aborted;
  }

  end(): void {
    this.#abort.abort();
  }

  /** Awaits `work`; throws `ABORTED` if the run ended meanwhile (before or after). */
  async step<T>(work: Promise<T> | T): Promise<T> {
    this.#check();
    const value = await work;
    this.#check();
    return value;
  }

  #check(): void {
    if (!this.active) throw new CandidError(CandidErrorCode.ABORTED, 'This interview run has ended.');
  }
}
