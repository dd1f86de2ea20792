import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CandidError, CandidErrorCode } from '../errors.js';

/**
 * Default capture: 720p at up to 30 fps (the recorder's bitrate cap bounds the file size), and
 * clean speech audio.
 */
export const DEFAULT_MEDIA_CONSTRAINTS = {
  video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30, max: 30 } } as MediaTrackConstraints,
  audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true } as MediaTrackConstraints,
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

export interface MediaDeviceOption {
  deviceId: string;
  /** Empty when the browser hides labels. */
  label: string;
}

export interface DeviceChoice {
  /** Camera to use (`deviceId: { exact }`). */
  cameraId?: string;
  /** Microphone to use (`deviceId: { exact }`). */
  microphoneId?: string;
  /** Front (`user`) or back (`environment`) camera, on phones. */
  facingMode?: 'user' | 'environment';
}

/** Phones and tablets (where front/back cameras exist), by user agent and touch. */
export function isMobileDevice(nav: Navigator | undefined = globalThis.navigator): boolean {
  if (!nav) return false;
  return /Android|iPhone|iPad|iPod|Mobi/i.test(nav.userAgent) || (/Macintosh/.test(nav.userAgent) && nav.maxTouchPoints > 1);
}

/**
 * Owns the one MediaStream (camera + microphone, or microphone only) that preview, mic level,
 * recorders (and later VAD) share. Switching a device re-acquires the stream and stops the old
 * tracks. Tracks are stopped when the host disconnects.
 */
export class CameraController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #stream: MediaStream | null = null;
  #pending: Promise<MediaStream> | null = null;
  #generation = 0;
  #audioOnly = false;
  #choice: DeviceChoice = { facingMode: 'user' };
  #cameras: MediaDeviceOption[] = [];
  #microphones: MediaDeviceOption[] = [];
  #listening = false;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** The live stream, or null before `start()` / after `stop()`. */
  get stream(): MediaStream | null {
    return this.#stream;
  }
  get audioOnly(): boolean {
    return this.#audioOnly;
  }
  get cameras(): readonly MediaDeviceOption[] {
    return this.#cameras;
  }
  get microphones(): readonly MediaDeviceOption[] {
    return this.#microphones;
  }
  /** The devices actually in use. */
  get cameraId(): string {
    return this.#stream?.getVideoTracks()[0]?.getSettings().deviceId ?? '';
  }
  get microphoneId(): string {
    return this.#stream?.getAudioTracks()[0]?.getSettings().deviceId ?? '';
  }
  get facingMode(): 'user' | 'environment' {
    return this.#choice.facingMode ?? 'user';
  }
  /** Whether a front/back toggle makes sense: a phone or tablet, or a camera that reports facing modes. */
  get canFlip(): boolean {
    const caps = this.#stream?.getVideoTracks()[0]?.getCapabilities?.() as { facingMode?: string[] } | undefined;
    return !this.#audioOnly && (isMobileDevice() || (caps?.facingMode?.length ?? 0) > 0);
  }

  /** Asks for camera and microphone (microphone only if `audioOnly`); reuses a live stream. */
  start(options: { audioOnly?: boolean } = {}): Promise<MediaStream> {
    const audioOnly = options.audioOnly === true;
    // A stream with an ended track (device unplugged, taken by another app) is opened again.
    if (this.#stream && audioOnly === this.#audioOnly && this.#stream.getTracks().every((t) => t.readyState === 'live')) {
      return Promise.resolve(this.#stream);
    }
    if (!this.#pending) this.#release(); // phones cannot open a second camera while one is held
    this.#audioOnly = audioOnly;
    this.#pending ??= this.#acquire().finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  /**
   * Switches camera, microphone or facing mode: the old tracks are stopped first (phones cannot
   * open two cameras), the new stream replaces the shared one. If the new device fails, the
   * previous choice is restored and the error is thrown.
   */
  async select(choice: DeviceChoice): Promise<MediaStream> {
    const previous = this.#choice;
    this.#choice = { ...previous, ...choice };
    if (choice.cameraId) delete this.#choice.facingMode;
    if (choice.facingMode) delete this.#choice.cameraId;
    this.#release();
    try {
      return await this.#acquire();
    } catch (err) {
      this.#choice = previous;
      this.#release();
      await this.#acquire().catch(() => {});
      throw err;
    }
  }

  /** Stops every track and forgets the stream. */
  stop(): void {
    this.#generation += 1; // a getUserMedia still in flight is released when it resolves
    this.#release();
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.stop();
    if (this.#listening) {
      navigator.mediaDevices?.removeEventListener?.('devicechange', this.#onDeviceChange);
      this.#listening = false;
    }
  }

  #release(): void {
    if (!this.#stream) return;
    for (const track of this.#stream.getTracks()) track.stop();
    this.#stream = null;
    this.#host.requestUpdate();
  }

  #constraints(): MediaStreamConstraints {
    const { cameraId, microphoneId, facingMode } = this.#choice;
    const audio: MediaTrackConstraints = { ...DEFAULT_MEDIA_CONSTRAINTS.audio };
    if (microphoneId) audio.deviceId = { exact: microphoneId };
    if (this.#audioOnly) return { audio, video: false };
    const video: MediaTrackConstraints = { ...DEFAULT_MEDIA_CONSTRAINTS.video };
    if (cameraId) video.deviceId = { exact: cameraId };
    else if (facingMode && isMobileDevice()) video.facingMode = { ideal: facingMode };
    return { audio, video };
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
      stream = await devices.getUserMedia(this.#constraints());
    } catch (err) {
      throw mapMediaError(err);
    }
    if (generation !== this.#generation) {
      for (const track of stream.getTracks()) track.stop();
      throw new CandidError(CandidErrorCode.ABORTED, 'Camera was released while starting.');
    }
    this.#stream = stream;
    if (!this.#listening && devices.addEventListener) {
      devices.addEventListener('devicechange', this.#onDeviceChange);
      this.#listening = true;
    }
    await this.#refreshDevices();
    this.#host.requestUpdate();
    return stream;
  }

  #onDeviceChange = (): void => {
    void this.#refreshDevices().then(() => this.#host.requestUpdate());
  };

  /** Device labels are only readable once permission was granted, so this runs after getUserMedia. */
  async #refreshDevices(): Promise<void> {
    let list: MediaDeviceInfo[] = [];
    try {
      list = (await navigator.mediaDevices.enumerateDevices?.()) ?? [];
    } catch {
      // enumeration is optional: the pickers stay empty
    }
    const pick = (kind: MediaDeviceKind) =>
      list.filter((d) => d.kind === kind && d.deviceId).map((d) => ({ deviceId: d.deviceId, label: d.label }));
    this.#cameras = pick('videoinput');
    this.#microphones = pick('audioinput');
  }
}
