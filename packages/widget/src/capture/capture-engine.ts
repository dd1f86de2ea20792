import type { ReactiveControllerHost } from 'lit';
import { InterruptionController } from '../controllers/interruption-controller.js';
import { TakeController } from '../controllers/take-controller.js';
import { UploadController, type UploadControllerOptions } from '../controllers/upload-controller.js';
import { VadController } from '../controllers/vad-controller.js';

/**
 * The capture engine, loaded lazily (in parallel with the session, or as soon as the candidate
 * consents): the take (recorders), its upload (tus, IndexedDB journal) and voice activity
 * detection. Kept out of the script-tag core, which only needs it once recording is near.
 */
export interface CaptureEngine {
  upload: UploadController;
  take: TakeController;
  vad: VadController;
}

export interface CaptureEngineOptions extends UploadControllerOptions {
  /** Folder of the VAD chunk and its model. */
  assetsBase: () => string;
}

/** `host` is the core's stand-in host: it forwards re-renders and the connect/disconnect hooks. */
export function createCaptureEngine(host: ReactiveControllerHost, options: CaptureEngineOptions): CaptureEngine {
  const upload = new UploadController(host, options);
  const interruptions = new InterruptionController(host);
  const vad = new VadController(host, { assetsBase: options.assetsBase, onAudioInterrupted: () => interruptions.audioInterrupted() });
  const take = new TakeController(host, { upload, vad, interruptions });
  return { upload, take, vad };
}
