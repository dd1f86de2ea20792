import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CaptureEngine, CaptureEngineOptions } from '../capture/capture-engine.js';
import { CandidError, CandidErrorCode } from '../errors.js';
import { importCaptureEngine } from '../lazy/capture-source.js';

/**
 * Loads the capture engine (take, upload, VAD: `capture/capture-engine.ts`) on demand and hosts its
 * controllers: they register with a stand-in host that forwards re-renders to the element and
 * receives the element's connect/disconnect, so they behave as if the element owned them.
 */
export class CaptureController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: CaptureEngineOptions;
  readonly #children: ReactiveController[] = [];
  #engine: CaptureEngine | null = null;
  #loading: Promise<CaptureEngine> | null = null;
  #connected = false;

  constructor(host: ReactiveControllerHost, options: CaptureEngineOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The engine once loaded (null before). */
  get engine(): CaptureEngine | null {
    return this.#engine;
  }

  /** The engine; throws if a step needs it before it was loaded (a bug: the flow loads it first). */
  get required(): CaptureEngine {
    if (!this.#engine) throw new CandidError(CandidErrorCode.RECORDING_FAILED, 'The capture engine is not loaded yet.', { recoverable: true });
    return this.#engine;
  }

  /** Loads the engine (once); a failed load may be tried again. */
  load(): Promise<CaptureEngine> {
    if (this.#engine) return Promise.resolve(this.#engine);
    this.#loading ??= importCaptureEngine(this.#options.assetsBase()).then(
      ({ createCaptureEngine }) => {
        const host = this.#host;
        const standIn: ReactiveControllerHost = {
          addController: (controller) => {
            this.#children.push(controller);
            if (this.#connected) controller.hostConnected?.();
          },
          removeController: (controller) => {
            const i = this.#children.indexOf(controller);
            if (i >= 0) this.#children.splice(i, 1);
          },
          requestUpdate: () => host.requestUpdate(),
          get updateComplete() {
            return host.updateComplete;
          },
        };
        this.#engine = createCaptureEngine(standIn, this.#options);
        host.requestUpdate();
        return this.#engine;
      },
      (err: unknown) => {
        this.#loading = null;
        throw new CandidError(CandidErrorCode.ASSETS_UNAVAILABLE, `The capture engine could not be loaded from assets-base: ${String(err)}`, { recoverable: true, cause: err });
      },
    );
    return this.#loading;
  }

  hostConnected(): void {
    this.#connected = true;
    for (const controller of this.#children) controller.hostConnected?.();
  }

  hostUpdate(): void {
    for (const controller of this.#children) controller.hostUpdate?.();
  }

  hostUpdated(): void {
    for (const controller of this.#children) controller.hostUpdated?.();
  }

  hostDisconnected(): void {
    this.#connected = false;
    for (const controller of this.#children) controller.hostDisconnected?.();
  }
}
