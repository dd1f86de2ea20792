import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { CandidApi } from './api/candid-api.js';
import type { ConsentChoices } from './api/types.js';
import {
  AUDIO_BITS_PER_SECOND,
  CandidEvents,
  DEFAULT_TIMESLICE_MS,
  PROBE_BYTES,
  SPEECH_BITS_PER_SECOND,
  VERSION,
  VIDEO_BITS_PER_SECOND,
} from './constants.js';
import { CameraController, type DeviceChoice } from './controllers/camera-controller.js';
import { ConnectivityController } from './controllers/connectivity-controller.js';
import { MicLevelController } from './controllers/mic-level-controller.js';
import { defaultOutputs, RecorderController } from './controllers/recorder-controller.js';
import { StoreController } from './controllers/store-controller.js';
import { UploadController, type JournaledTake, type Take, type TakeProgress } from './controllers/upload-controller.js';
import { CandidError, CandidErrorCode, toCandidError } from './errors.js';
import { emit } from './events.js';
import { en, type CandidMessages } from './lang/en.js';
import { uploadTypeOfFile } from './media/mime.js';
import {
  committedCount,
  createInterviewStore,
  currentQuestion,
  overallProgress,
  type InterviewState,
  type ReadonlyStore,
} from './store/interview-store.js';
import { styles } from './styles.js';
import { checkView } from './views/check-view.js';
import { consentView } from './views/consent-view.js';
import { questionView } from './views/question-view.js';
import { interruptedView, resumingView } from './views/resume-views.js';
import { declinedView, doneView, errorView, loadingView, networkBanner, permissionView } from './views/status-views.js';

/** Partial message overrides; `errors` is merged per code. */
export type CandidMessageOverrides = Partial<Omit<CandidMessages, 'errors'>> & { errors?: Record<string, string> };

/** Server answers after which nothing of this session may stay on the device. */
const SESSION_GONE = new Set(['SESSION_WITHDRAWN', 'SESSION_ERASED']);

/** The session id (`sub`) of a widget token, read without verifying it (only to find the journal). */
function sessionIdOfToken(token: string): string | null {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const sub = (JSON.parse(json) as { sub?: unknown }).sub;
    return typeof sub === 'string' ? sub : null;
  } catch {
    return null;
  }
}

/** Duration of a picked video file (file capture), or 0 if the browser cannot tell within 3 s. */
function fileDurationMs(file: Blob): Promise<number> {
  return new Promise((resolve) => {
    const video = document.createElement('video');
    const url = URL.createObjectURL(file);
    const done = (ms: number) => {
      clearTimeout(timer);
      URL.revokeObjectURL(url);
      resolve(Number.isFinite(ms) && ms > 0 ? Math.round(ms) : 0);
    };
    const timer = setTimeout(() => done(0), 3000);
    video.preload = 'metadata';
    video.onloadedmetadata = () => done(video.duration * 1000);
    video.onerror = () => done(0);
    video.src = url;
  });
}

/**
 * A one-way video interview: consent, device check, then one recorded answer per question. Every
 * recorded chunk is journaled on the device (IndexedDB) before it is uploaded (tus), so a dropped
 * connection, a reload or a crash loses nothing: the next visit finishes the upload and continues
 * at the first unanswered question.
 *
 * @summary One-way video interview (consent → device check → record → upload), crash-proof.
 *
 * @attr token - Session token issued by the server SDK.
 * @attr endpoint - URL where the server SDK router is mounted (e.g. `https://ats.example.com/candid`).
 * @attr locale - BCP 47 language tag (only `en` ships today).
 * @attr phase - (read-only, reflected) the current phase, for styling.
 *
 * @event candid-ready - Session loaded. `detail: CandidReadyDetail`
 * @event candid-consent - Consent decision stored. `detail: CandidConsentDetail`
 * @event candid-progress - Upload progress of the current take and of the interview. `detail: CandidProgressDetail`
 * @event candid-answer - An answer was uploaded and committed. `detail: CandidAnswerDetail`
 * @event candid-complete - Session completed. `detail: CandidCompleteDetail`
 * @event candid-error - Something failed. `detail: { code, message, recoverable }`
 *
 * @slot error-{CODE} - Replaces the default text of the error (or help) screen for one error code.
 *
 * @csspart consent - The consent form. @csspart notice - The privacy notice text.
 * @csspart check - The device check. @csspart mic-level - The microphone level meter.
 * @csspart select - Device pickers (plus `camera`, `microphone`). @csspart connection - Connection check result.
 * @csspart question - The question screen. @csspart prompt - The question text.
 * @csspart preview - The camera preview `<video>`. @csspart timer - Elapsed recording time.
 * @csspart overall - Overall progress. @csspart file - The file input (browsers without MediaRecorder). @csspart upload-progress - Upload progress of the current answer.
 * @csspart network - The offline / reconnecting banner.
 * @csspart resuming - Finishing an earlier visit's upload. @csspart interrupted - Keep or re-record an interrupted take.
 * @csspart button - Every button (plus `agree`, `decline`, `continue`, `flip`, `record`, `stop`, `keep`, `retake`, `retry`).
 * @csspart status - Loading text. @csspart error - The error screen (`help` for camera problems). @csspart done - The final screen.
 *
 * @cssproperty --candid-accent - Button border and text color.
 * @cssproperty --candid-radius - Corner radius.
 * @cssproperty --candid-font - Font shorthand.
 * @cssproperty --candid-max-width - Maximum width of the widget.
 */
export class CandidInterview extends LitElement {
  static readonly version = VERSION;

  static override properties = {
    token: { type: String },
    endpoint: { type: String },
    locale: { type: String },
    messages: { attribute: false },
    timesliceMs: { attribute: false },
  };

  static override styles = styles;

  /** Session token (attribute `token`). */
  declare token: string;
  /** Server SDK mount URL (attribute `endpoint`). */
  declare endpoint: string;
  declare locale: string;
  /** Overrides for any UI string. */
  declare messages: CandidMessageOverrides;
  /** MediaRecorder timeslice in ms: the journal and upload chunk (default 1000; see `DEFAULT_TIMESLICE_MS`). */
  declare timesliceMs: number;

  readonly #interview = createInterviewStore();
  readonly #state = new StoreController(this, this.#interview.store);
  readonly #camera = new CameraController(this);
  readonly #micLevel = new MicLevelController(this);
  readonly #recorder = new RecorderController(this);
  readonly #upload = new UploadController(this, {
    api: () => this.#api,
    onProgress: (progress) => this.#progressed(progress),
    onError: (error) => this.#fail(this.#run, error),
    onConnection: (ok) => this.#interview.actions.network({ reconnecting: !ok }),
  });
  readonly #connectivity = new ConnectivityController(this, {
    onChange: (online) => {
      this.#interview.actions.network(online ? { online } : { online, reconnecting: false });
      if (online) this.#upload.nudge();
    },
    hasUnsentBytes: () => this.#hasUnsentBytes(),
  });

  #api: CandidApi | null = null;
  /** Bumped on every (re)start: async work of an older run is ignored when it completes. */
  #run = 0;
  #startedFor: string | null = null;
  #showConsentHint = false;
  /** Takes an earlier visit left in the journal, still to finish. */
  #journaled: JournaledTake[] = [];
  /** The interrupted take waiting for "keep" or "record again". */
  #interruptedTake: Take | null = null;
  #switchingDevice = false;
  #switchFailed = false;

  constructor() {
    super();
    this.token = '';
    this.endpoint = '';
    this.locale = 'en';
    this.messages = {};
    this.timesliceMs = DEFAULT_TIMESLICE_MS;
  }

  /** Read-only view of the interview store (for framework bindings): `getState()` and `subscribe()`. */
  get store(): ReadonlyStore<InterviewState> {
    return this.#interview.store;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#maybeStart();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback(); // controllers stop camera, recorder (its tail is journaled) and upload
    this.#run += 1;
    this.#startedFor = null;
  }

  protected override willUpdate(): void {
    // Checked before the first render (not in connectedCallback): frameworks may set the
    // properties right after inserting the element.
    if (!this.hasUpdated && (!this.token || !this.endpoint)) {
      this.#fail(
        this.#run,
        new CandidError(CandidErrorCode.MISSING_ATTRIBUTES, '<candid-interview> needs both a token and an endpoint attribute.'),
      );
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('token') || changed.has('endpoint')) this.#maybeStart();
    const phase = this.#state.value.phase;
    if (this.getAttribute('phase') !== phase) this.setAttribute('phase', phase);
    this.#micLevel.attach(phase === 'check' ? this.#camera.stream : null);
    // Updates can still run after removal: never leave a leave-page prompt behind a detached element.
    this.#connectivity.guard(this.isConnected && this.#hasUnsentBytes());
  }

  // ---- flow ---------------------------------------------------------------------------------

  #maybeStart(): void {
    if (!this.isConnected || !this.token || !this.endpoint) return;
    const key = `${this.endpoint}\n${this.token}`;
    if (key === this.#startedFor) return;
    this.#startedFor = key;
    const run = ++this.#run;
    this.#recorder.cancel();
    this.#upload.cancel();
    this.#camera.stop();
    this.#interview.actions.reset();
    this.#showConsentHint = false;
    this.#api = new CandidApi({ endpoint: this.endpoint, token: this.token });
    void this.#load(run);
  }

  async #load(run: number): Promise<void> {
    const { actions } = this.#interview;
    try {
      const session = await this.#api!.getSession();
      await this.#upload.prepare();
      const journaled = await this.#upload.journaledTakes(session);
      if (run !== this.#run) return;
      this.#journaled = journaled;
      actions.sessionLoaded(session, { recovering: journaled.length > 0 });
      const state = this.#interview.store.getState();
      emit(this, CandidEvents.ready, {
        sessionId: session.sessionId,
        status: session.status,
        questionCount: session.questions.length,
        remainingCount: state.pending.length,
      });
      await this.#advance(run);
    } catch (err) {
      this.#fail(run, err);
    }
  }

  /** Starts the side effect the current phase needs (recovery, camera, connection check, completion). */
  async #advance(run: number): Promise<void> {
    if (run !== this.#run) return;
    const state = this.#interview.store.getState();
    if (state.phase === 'resuming') await this.#recover(run);
    else if (state.phase === 'permission') await this.#openCamera(run);
    else if (state.phase === 'check') await this.#checkConnection(run);
    else if (state.phase === 'finishing' && state.pending.length === 0) await this.#complete(run);
    else if (state.phase === 'done') this.#camera.stop();
  }

  /**
   * Finishes what the journal holds: each take is uploaded from the server's offset; stopped takes
   * are committed; a take cut mid-recording waits for the candidate (keep / record again).
   */
  async #recover(run: number): Promise<void> {
    const { actions, store } = this.#interview;
    let attempt = 1;
    try {
      for (let journaled = this.#journaled.shift(); journaled; journaled = this.#journaled.shift()) {
        const take = await this.#upload.resume(journaled);
        if (run !== this.#run) return;
        if (take.bytesRecorded === 0) {
          // Recording had only just started: nothing to keep; the same attempt is used again.
          await this.#upload.drop(take, { terminate: true });
          if (journaled.questionId === store.getState().pending[0]) attempt = journaled.attempt;
          continue;
        }
        if (take.interrupted) {
          const question = store.getState().session?.questions.find((q) => q.id === take.questionId);
          this.#interruptedTake = take;
          actions.takeInterrupted({
            questionId: take.questionId,
            attempt: take.attempt,
            durationMs: take.durationMs ?? 0,
            canRetake: take.attempt < (question?.maxRetakes ?? 0) + 1,
          });
          return;
        }
        await this.#commitTake(run, take, true);
        if (run !== this.#run) return;
      }
      actions.recovered(attempt);
      await this.#advance(run);
    } catch (err) {
      this.#fail(run, err);
    }
  }

  async #keepInterrupted(): Promise<void> {
    const take = this.#interruptedTake;
    const run = this.#run;
    if (!take || !this.#interview.actions.interruptionResolved('keep')) return;
    this.#interruptedTake = null;
    try {
      await this.#commitTake(run, take, true);
      await this.#recover(run);
    } catch (err) {
      this.#fail(run, err);
    }
  }

  #retakeInterrupted(): void {
    const take = this.#interruptedTake;
    if (!take || !this.#interview.actions.interruptionResolved('retake')) return;
    this.#interruptedTake = null;
    this.#journaled = [];
    void this.#upload.drop(take); // its bytes are on the server; the journal copy is no longer needed
    void this.#advance(this.#run);
  }

  async #openCamera(run: number): Promise<void> {
    const { actions, store } = this.#interview;
    try {
      if (!('MediaRecorder' in globalThis)) {
        // No MediaRecorder (old browsers): answers are recorded with the camera app and uploaded.
        actions.fileCaptureReady();
        return;
      }
      await this.#camera.start({ audioOnly: store.getState().audioOnly });
      if (run !== this.#run) return;
      actions.cameraReady();
      await this.#advance(run);
    } catch (err) {
      this.#fail(run, err);
    }
  }

  /** Uploads a probe and compares the measured rate with what the recording needs. */
  async #checkConnection(run: number): Promise<void> {
    const { actions, store } = this.#interview;
    const required = store.getState().audioOnly ? AUDIO_BITS_PER_SECOND : VIDEO_BITS_PER_SECOND + AUDIO_BITS_PER_SECOND + SPEECH_BITS_PER_SECOND;
    actions.connectionChecked({ status: 'checking', bitsPerSecond: null, requiredBitsPerSecond: required });
    const timeoutMs = 10_000;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const started = performance.now();
    try {
      const bitsPerSecond = await this.#api!.measureUploadRate(PROBE_BYTES, controller.signal);
      if (run === this.#run) actions.connectionChecked({ status: 'done', bitsPerSecond, requiredBitsPerSecond: required });
    } catch {
      if (run !== this.#run) return;
      // Timed out: the rate is at most the probe over the elapsed time, which is "slow".
      const timedOut = controller.signal.aborted;
      const bitsPerSecond = timedOut ? (PROBE_BYTES * 8) / ((performance.now() - started) / 1000) : null;
      actions.connectionChecked({ status: timedOut ? 'done' : 'failed', bitsPerSecond, requiredBitsPerSecond: required });
    } finally {
      clearTimeout(timer);
    }
  }

  async #selectDevice(choice: DeviceChoice): Promise<void> {
    this.#switchingDevice = true;
    this.#switchFailed = false;
    this.requestUpdate();
    try {
      await this.#camera.select(choice);
    } catch {
      this.#switchFailed = true;
    } finally {
      this.#switchingDevice = false;
      this.requestUpdate();
    }
  }

  async #submitConsent(accepted: boolean, form: HTMLFormElement): Promise<void> {
    const { actions, store } = this.#interview;
    const checked = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.checked === true;
    const choices: ConsentChoices = accepted
      ? { recording: checked('recording'), aiEvaluation: checked('aiEvaluation'), productImprovement: checked('productImprovement') }
      : { recording: false, aiEvaluation: false, productImprovement: false };
    const ageConfirmed = checked('ageConfirmed');
    if (accepted && !(choices.recording && ageConfirmed)) {
      this.#showConsentHint = true;
      this.requestUpdate();
      return;
    }
    this.#showConsentHint = false;
    const run = this.#run;
    const noticeVersion = store.getState().session?.notice?.version ?? null;
    if (!actions.consentSubmitting()) return;
    try {
      const res = await this.#api!.postConsent({ noticeVersion, choices, ageConfirmed });
      if (run !== this.#run) return;
      if (accepted) actions.consentGiven(choices);
      else actions.consentDeclined(choices);
      emit(this, CandidEvents.consent, { accepted, choices, ageConfirmed, noticeVersion, status: res.status });
      await this.#advance(run);
    } catch (err) {
      this.#fail(run, err);
    }
  }

  #record(): void {
    const { actions, store } = this.#interview;
    const state = store.getState();
    const question = currentQuestion(state);
    const stream = this.#camera.stream;
    if (state.phase !== 'ready' || !question || !state.session) return;
    const run = this.#run;
    try {
      if (!stream) throw new CandidError(CandidErrorCode.CAMERA_FAILED, 'The camera is not running.', { recoverable: true });
      const outputs = this.#recorder.start(stream, {
        outputs: defaultOutputs(state.audioOnly),
        timesliceMs: this.timesliceMs,
        ...(question.answerSeconds === null ? {} : { maxDurationMs: question.answerSeconds * 1000 }),
        onChunk: (track, blob) => this.#upload.append(track, blob),
        onAutoStop: () => void this.#stop(),
        onError: (error) => this.#fail(run, error),
      });
      this.#upload.begin({ sessionId: state.session.sessionId, questionId: question.id, attempt: state.attempt }, outputs);
      actions.recordingStarted();
    } catch (err) {
      this.#fail(run, err);
    }
  }

  async #stop(): Promise<void> {
    const { actions, store } = this.#interview;
    const question = currentQuestion(store.getState());
    if (!question || !actions.recordingStopped()) return; // not recording (or already stopping)
    const run = this.#run;
    try {
      const recording = await this.#recorder.stop();
      if (run !== this.#run) return;
      const take = await this.#upload.stop({ durationMs: recording.durationMs });
      if (run !== this.#run) return;
      await this.#commitTake(run, take, false);
      await this.#advance(run);
    } catch (err) {
      this.#fail(run, err);
    }
  }

  /** File capture: the picked video is journaled and uploaded like a one-chunk take, then committed. */
  async #uploadFile(file: File): Promise<void> {
    const { actions, store } = this.#interview;
    const state = store.getState();
    const question = currentQuestion(state);
    const run = this.#run;
    if (!question || !state.session) return;
    try {
      const mimeType = uploadTypeOfFile(file.type, file.name);
      if (!mimeType) throw new CandidError(CandidErrorCode.UNSUPPORTED_MEDIA_TYPE, `Cannot upload a file of type "${file.type}".`, { recoverable: true });
      if (!actions.fileChosen()) return;
      const durationMs = await fileDurationMs(file);
      this.#upload.begin({ sessionId: state.session.sessionId, questionId: question.id, attempt: state.attempt }, [
        { track: 'video', mimeType, totalBytes: file.size },
      ]);
      this.#upload.append('video', file);
      const take = await this.#upload.stop({ durationMs });
      if (run !== this.#run) return;
      await this.#commitTake(run, take, false);
      await this.#advance(run);
    } catch (err) {
      this.#fail(run, err);
    }
  }

  /** Commits a finished take, announces it, and moves past its question. */
  async #commitTake(run: number, take: Take, recovered: boolean): Promise<void> {
    const { answer } = (await this.#upload.commit(take)).response;
    if (run !== this.#run) return;
    const main = take.uploads.find((u) => u.track === 'video') ?? take.uploads[0];
    emit(this, CandidEvents.answer, {
      questionId: take.questionId,
      answerId: answer.id,
      attempt: take.attempt,
      durationMs: take.durationMs ?? 0,
      mimeType: main?.record.mimeType ?? '',
      bytesRecorded: take.bytesRecorded,
      bytesSent: take.bytesSent,
      recovered,
      media: answer.media,
    });
    this.#interview.actions.answerCommitted(take.questionId);
    this.#emitProgress({ questionId: take.questionId, attempt: take.attempt, bytesSent: take.bytesSent, bytesRecorded: take.bytesRecorded });
  }

  async #complete(run: number): Promise<void> {
    try {
      await this.#api!.complete();
      if (run !== this.#run) return;
      this.#interview.actions.completed();
      this.#camera.stop();
      emit(this, CandidEvents.complete, { sessionId: this.#interview.store.getState().session?.sessionId ?? '' });
    } catch (err) {
      this.#fail(run, err);
    }
  }

  #progressed(progress: TakeProgress): void {
    this.#interview.actions.progressed(progress);
    this.#emitProgress(progress);
  }

  #emitProgress(progress: TakeProgress): void {
    const state = this.#interview.store.getState();
    emit(this, CandidEvents.progress, {
      ...progress,
      answersCommitted: committedCount(state),
      questionCount: state.session?.questions.length ?? 0,
      overall: overallProgress(state),
    });
  }

  /** Recorded bytes the server does not have yet (or a recording running): leaving would need the journal. */
  #hasUnsentBytes(): boolean {
    const phase = this.#interview.store.getState().phase;
    return phase === 'recording' || ((phase === 'finishing' || phase === 'resuming' || phase === 'error') && this.#upload.unsentBytes > 0);
  }

  #retry(): void {
    if (!this.#interview.actions.retry()) return;
    void this.#load(++this.#run);
  }

  #fail(run: number, err: unknown): void {
    if (run !== this.#run) return;
    const error = toCandidError(err);
    if (error.code === CandidErrorCode.ABORTED) return;
    this.#recorder.cancel(); // the recorders' last chunks still reach the journal
    this.#upload.cancel(); // the journal keeps the take: "Try again" (or the next visit) recovers it
    if (!error.recoverable) this.#camera.stop();
    if (SESSION_GONE.has(error.code)) {
      const sessionId = this.#interview.store.getState().session?.sessionId ?? sessionIdOfToken(this.token);
      if (sessionId) void this.#upload.forgetSession(sessionId).catch(() => {});
    }
    if (!this.#interview.actions.failed(error.toJSON())) return;
    emit(this, CandidEvents.error, error.toJSON());
  }

  // ---- view ---------------------------------------------------------------------------------

  get #messages(): CandidMessages {
    const overrides = this.messages ?? {};
    return { ...en, ...overrides, errors: { ...en.errors, ...overrides.errors } } as CandidMessages;
  }

  #onConsentSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.#submitConsent(true, event.currentTarget as HTMLFormElement);
  };

  #onConsentDecline = (event: MouseEvent): void => {
    const form = (event.currentTarget as HTMLButtonElement).form;
    if (form) void this.#submitConsent(false, form);
  };

  #onRecord = (): void => this.#record();
  #onStop = (): void => void this.#stop();
  #onRetry = (): void => this.#retry();
  #onContinue = (): void => {
    this.#micLevel.resume();
    this.#interview.actions.checkDone();
  };
  #onCamera = (event: Event): void => void this.#selectDevice({ cameraId: (event.target as HTMLSelectElement).value });
  #onMicrophone = (event: Event): void => void this.#selectDevice({ microphoneId: (event.target as HTMLSelectElement).value });
  #onFlip = (): void => void this.#selectDevice({ facingMode: this.#camera.facingMode === 'user' ? 'environment' : 'user' });
  #onKeep = (): void => void this.#keepInterrupted();
  #onRetake = (): void => this.#retakeInterrupted();
  #onFile = (event: Event): void => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file) void this.#uploadFile(file);
  };

  #announcement(state: InterviewState, m: CandidMessages): string {
    if (state.phase === 'recording') return m.announceRecordingStarted;
    if (state.phase === 'finishing' && state.progress) return m.announceRecordingStopped;
    return '';
  }

  override render(): TemplateResult {
    const state = this.#state.value;
    const m = this.#messages;
    const quiet = state.phase === 'done' || state.phase === 'declined' || state.phase === 'consent';
    return html`${quiet ? nothing : networkBanner(m, state.online, state.reconnecting, this.#upload.persistent)}${this.#body(state, m)}
      <div class="sr-only" role="status" aria-live="polite">${this.#announcement(state, m)}</div>`;
  }

  #body(state: InterviewState, m: CandidMessages): TemplateResult {
    switch (state.phase) {
      case 'loading':
        return loadingView(m);
      case 'consent':
        return consentView({
          m,
          notice: state.session?.notice ?? null,
          busy: state.busy,
          showHint: this.#showConsentHint,
          onAgree: this.#onConsentSubmit,
          onDecline: this.#onConsentDecline,
        });
      case 'declined':
        return declinedView(m);
      case 'resuming':
        return resumingView(m, state.progress);
      case 'interrupted':
        return state.interrupted ? interruptedView(m, state.interrupted, state.busy, this.#onKeep, this.#onRetake) : resumingView(m, null);
      case 'permission':
        return permissionView(m, state.audioOnly);
      case 'check': {
        const camera = this.#camera;
        return checkView({
          m,
          audioOnly: state.audioOnly,
          stream: camera.stream,
          cameras: camera.cameras,
          microphones: camera.microphones,
          cameraId: camera.cameraId,
          microphoneId: camera.microphoneId,
          canFlip: camera.canFlip,
          level: this.#micLevel.level,
          peak: this.#micLevel.peak,
          connection: state.connectionCheck,
          switchFailed: this.#switchFailed,
          busy: this.#switchingDevice,
          onCamera: this.#onCamera,
          onMicrophone: this.#onMicrophone,
          onFlip: this.#onFlip,
          onContinue: this.#onContinue,
        });
      }
      case 'ready':
      case 'recording':
      case 'finishing': {
        const questions = state.session?.questions ?? [];
        const question = currentQuestion(state);
        const index = question ? questions.indexOf(question) + 1 : questions.length;
        return questionView({
          m,
          phase: state.phase,
          question,
          index,
          total: questions.length,
          committed: committedCount(state),
          overall: overallProgress(state),
          audioOnly: state.audioOnly,
          captureMode: state.captureMode,
          stream: this.#camera.stream,
          elapsedSeconds: state.recordingStartedAt === null ? 0 : Math.floor((Date.now() - state.recordingStartedAt) / 1000),
          progress: state.progress,
          onRecord: this.#onRecord,
          onStop: this.#onStop,
          onFile: this.#onFile,
        });
      }
      case 'done':
        return doneView(m);
      case 'error':
        return errorView(m, state.error, this.#onRetry, state.audioOnly);
    }
  }
}
