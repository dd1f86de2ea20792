import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CandidError, CandidErrorCode } from '../errors.js';

/** Default capture: VGA video (plenty for an interview, cheap to upload) and clean speech audio. */
export const DEFAULT_MEDIA_CONSTRAINTS: MediaStreamConstraints = {
  video: { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 24, max: 30 } },
  audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
};

/** Maps a getUserMedia failure to a typed CandidError. */
export function mapMediaError(err: unknown): CandidError {
  const name = typeof (err as { name?: unknown } | null)?.name === 'string' ? (err as { name: string }).name : '';
  const message = typeof (err as { message?: unknown } | null)?.message === 'string' ? (err as Error).message : String(err);
  const options = { recoverable: true, cause: err };
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return new CandidError(CandidErrorCode.CAMERA_PERMISSION_DENIED, `Camera/microphone permission denied: ${message}`, options);
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return new CandidError(CandidErrorCode.CAMERA_NOT_FOUND, `No camera or microphone found: ${message}`, options);
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return new CandidError(CandidErrorCode.CAMERA_IN_USE, `Camera or microphone could not be started: ${message}`, options);
    default:
      return new CandidError(CandidErrorCode.CAMERA_FAILED, `Camera error: ${message}`, options);
  }
}

/**
 * Owns the one MediaStream (camera + microphone) that preview, recording and (later) VAD share.
 * Tracks are stopped when the host disconnects.
 */
export class CameraController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #constraints: MediaStreamConstraints;
  #stream: MediaStream | null = null;
  #pending: Promise<MediaStream> | null = null;
  #generation = 0;

  constructor(host: ReactiveControllerHost, constraints: MediaStreamConstraints = DEFAULT_MEDIA_CONSTRAINTS) {
    this.#host = host;
    this.#constraints = constraints;
    host.addController(this);
  }

  /** The live stream, or null before `start()` / after `stop()`. */
  get stream(): MediaStream | null {
    return this.#stream;
  }

  /** Asks for camera and microphone (once; later calls reuse the live stream). */
  start(): Promise<MediaStream> {
    if (this.#stream && this.#stream.getTracks().some((t) => t.readyState === 'live')) {
      return Promise.resolve(this.#stream);
    }
    this.#pending ??= this.#acquire().finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  /** Stops every track and forgets the stream. */
  stop(): void {
    this.#generation += 1; // a getUserMedia still in flight is released when it resolves
    if (!this.#stream) return;
    for (const track of this.#stream.getTracks()) track.stop();
    this.#stream = null;
    this.#host.requestUpdate();
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.stop();
  }

  async #acquire(): Promise<MediaStream> {
    const generation = this.#generation;
    if (globalThis.isSecureContext === false) {
      throw new CandidError(CandidErrorCode.INSECURE_CONTEXT, 'Camera access needs a secure context (https or localhost).');
    }
    const devices = (globalThis.navigator as Navigator | undefined)?.mediaDevices;
    if (!devices?.getUserMedia) {
      throw new CandidError(CandidErrorCode.RECORDING_UNSUPPORTED, 'This browser does not support camera access.');
    }
    let stream: MediaStream;
    try {
      stream = await devices.getUserMedia(this.#constraints);
    } catch (err) {
      throw mapMediaError(err);
    }
    if (generation !== this.#generation) {
      for (const track of stream.getTracks()) track.stop();
      throw new CandidError(CandidErrorCode.ABORTED, 'Camera was released while starting.');
    }
    this.#stream = stream;
    this.#host.requestUpdate();
    return stream;
  }
}
