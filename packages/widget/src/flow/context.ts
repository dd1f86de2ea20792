import type { ReactiveControllerHost } from 'lit';
import type { CandidApi } from '../api/candid-api.js';
import type { AnnouncerController } from '../controllers/announcer-controller.js';
import type { CameraController } from '../controllers/camera-controller.js';
import type { CaptureController } from '../controllers/capture-controller.js';
import type { LazyScreensController } from '../controllers/lazy-screens-controller.js';
import type { MicLevelController } from '../controllers/mic-level-controller.js';
import type { TakeController } from '../controllers/take-controller.js';
import type { Take, UploadController } from '../controllers/upload-controller.js';
import type { VadController } from '../controllers/vad-controller.js';
import type { I18nController } from '../i18n/i18n-controller.js';
import type { InterviewStore } from '../store/interview-store.js';
import type { FlowRun } from './flow-run.js';

/** The element, as the flow sees it. */
export interface FlowHost extends ReactiveControllerHost, HTMLElement {
  token: string;
  endpoint: string;
  /** MediaRecorder timeslice (ms). */
  timesliceMs: number;
}

/** The controllers the flow drives; each owns one concern. */
export interface FlowParts {
  interview: InterviewStore;
  camera: CameraController;
  micLevel: MicLevelController;
  /** The lazily loaded capture engine (take, upload, VAD). */
  capture: CaptureController;
  announcer: AnnouncerController;
  i18n: I18nController;
  screens: LazyScreensController;
}

/**
 * What one step of the flow works with: the parts, the current run and its API client. `upload`,
 * `take` and `vad` are the capture engine's: steps that use them run after the flow loaded it.
 */
export interface FlowContext extends FlowParts {
  readonly upload: UploadController;
  readonly take: TakeController;
  readonly vad: VadController;
  host: FlowHost;
  run: FlowRun;
  api: CandidApi;
  /** Reports a failure of this run (ignored once the run has ended). */
  fail(err: unknown): void;
  /** Starts the side effect the current phase needs (camera, connection check, completion…). */
  advance(): Promise<void>;
  /** Commits a finished take as the answer and moves past its question. */
  commitTake(take: Take, recovered: boolean): Promise<void>;
  /** Announces `key` of the current catalog (nothing before a catalog has loaded). */
  say(text: (m: NonNullable<I18nController['messages']>) => string): void;
}
