import { html, LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { CandidApi } from './api/candid-api.js';
import type { ConsentChoices } from './api/types.js';
import { CandidEvents, DEFAULT_TIMESLICE_MS, VERSION } from './constants.js';
import { CameraController } from './controllers/camera-controller.js';
import { RecorderController } from './controllers/recorder-controller.js';
import { StoreController } from './controllers/store-controller.js';
import { UploadController } from './controllers/upload-controller.js';
import { CandidError, CandidErrorCode, toCandidError } from './errors.js';
import { emit } from './events.js';
import { en, type CandidMessages } from './lang/en.js';
import {
  createInterviewStore,
  currentQuestion,
  type InterviewState,
  type ReadonlyStore,
} from './store/interview-store.js';
import { styles } from './styles.js';
import { consentView } from './views/consent-view.js';
import { questionView } from './views/question-view.js';
import { declinedView, doneView, errorView, loadingView, permissionView } from './views/status-views.js';

/** Partial message overrides; `errors` is merged per code. */
export type CandidMessageOverrides = Partial<Omit<CandidMessages, 'errors'>> & { errors?: Record<string, string> };

/**
 * A one-way video interview: consent, camera check, then one recorded answer per question,
 * uploaded while it is being recorded.
 *
 * @summary One-way video interview (consent → camera → record → upload).
 *
 * @attr token - Session token issued by the server SDK.
 * @attr endpoint - URL where the server SDK router is mounted (e.g. `https://ats.example.com/candid`).
 * @attr locale - BCP 47 language tag (only `en` ships today).
 * @attr phase - (read-only, reflected) the current phase, for styling.
 *
 * @event candid-ready - Session loaded. `detail: CandidReadyDetail`
 * @event candid-consent - Consent decision stored. `detail: CandidConsentDetail`
 * @event candid-progress - Upload progress of the running take. `detail: CandidProgressDetail`
 * @event candid-answer - An answer was uploaded and committed. `detail: CandidAnswerDetail`
 * @event candid-complete - Session completed. `detail: CandidCompleteDetail`
 * @event candid-error - Something failed. `detail: { code, message, recoverable }`
 *
 * @slot error-{CODE} - Replaces the default text of the error screen for one error code.
 *
 * @csspart consent - The consent form. @csspart notice - The privacy notice text.
 * @csspart question - The question screen. @csspart prompt - The question text.
 * @csspart preview - The camera preview `<video>`. @csspart timer - Elapsed recording time.
 * @csspart button - Every button (plus `agree`, `decline`, `record`, `stop`, `retry`).
 * @csspart status - Loading text. @csspart error - The error screen. @csspart done - The final screen.
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
  /** MediaRecorder timeslice in ms: how often a chunk is uploaded (default 1000). */
  declare timesliceMs: number;

  readonly #interview = createInterviewStore();
  readonly #state = new StoreController(this, this.#interview.store);
  readonly #camera = new CameraController(this);
  readonly #recorder = new RecorderController(this);
  readonly #upload = new UploadController(this, {
    api: () => this.#api,
    onProgress: (progress) => {
      this.#interview.actions.progressed(progress);
      emit(this, CandidEvents.progress, progress);
    },
    onError: (error) => this.#fail(this.#run, error),
  });

  #api: CandidApi | null = null;
  /** Bumped on every (re)start: async work of an older run is ignored when it completes. */
  #run = 0;
  #startedFor: string | null = null;
  #showConsentHint = false;

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
    super.disconnectedCallback(); // controllers stop camera, recorder and upload
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
      if (run !== this.#run) return;
      actions.sessionLoaded(session);
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

  /** Starts the side effect the current phase needs (camera, completion). */
  async #advance(run: number): Promise<void> {
    if (run !== this.#run) return;
    const state = this.#interview.store.getState();
    if (state.phase === 'permission') await this.#openCamera(run);
    else if (state.phase === 'finishing' && state.pending.length === 0) await this.#complete(run);
    else if (state.phase === 'done') this.#camera.stop();
  }

  async #openCamera(run: number): Promise<void> {
    try {
      await this.#camera.start();
      if (run !== this.#run) return;
      if (!('MediaRecorder' in globalThis)) {
        throw new CandidError(CandidErrorCode.RECORDING_UNSUPPORTED, 'MediaRecorder is not available in this browser.');
      }
      this.#interview.actions.cameraReady();
    } catch (err) {
      this.#fail(run, err);
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
    if (state.phase !== 'ready' || !question) return;
    const run = this.#run;
    try {
      if (!stream) throw new CandidError(CandidErrorCode.CAMERA_FAILED, 'The camera is not running.', { recoverable: true });
      const mimeType = this.#recorder.start(stream, {
        timesliceMs: this.timesliceMs,
        maxDurationMs: question.answerSeconds * 1000,
        onChunk: (blob) => this.#upload.append(blob),
        onAutoStop: () => void this.#stop(),
        onError: (error) => this.#fail(run, error),
      });
      this.#upload.begin({ questionId: question.id, attempt: state.attempt, mimeType });
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
      const committed = await this.#upload.finishAndCommit({ durationMs: recording.durationMs, speechSegments: [] });
      if (run !== this.#run) return;
      const { answer } = committed.response;
      emit(this, CandidEvents.answer, {
        questionId: question.id,
        answerId: answer.id,
        attempt: committed.take.attempt,
        durationMs: recording.durationMs,
        mimeType: committed.take.mimeType || recording.mimeType,
        bytesRecorded: committed.bytesRecorded,
        bytesSent: committed.bytesSent,
        media: answer.media,
      });
      actions.answerCommitted(question.id);
      await this.#advance(run);
    } catch (err) {
      this.#fail(run, err);
    }
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

  #retry(): void {
    if (!this.#interview.actions.retry()) return;
    void this.#load(++this.#run);
  }

  #fail(run: number, err: unknown): void {
    if (run !== this.#run) return;
    const error = toCandidError(err);
    if (error.code === CandidErrorCode.ABORTED) return;
    this.#recorder.cancel();
    this.#upload.cancel();
    if (!error.recoverable) this.#camera.stop();
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

  #announcement(state: InterviewState, m: CandidMessages): string {
    if (state.phase === 'recording') return m.announceRecordingStarted;
    if (state.phase === 'finishing' && state.progress) return m.announceRecordingStopped;
    return '';
  }

  override render(): TemplateResult {
    const state = this.#state.value;
    const m = this.#messages;
    return html`${this.#body(state, m)}
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
      case 'permission':
        return permissionView(m);
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
          stream: this.#camera.stream,
          elapsedSeconds: state.recordingStartedAt === null ? 0 : Math.floor((Date.now() - state.recordingStartedAt) / 1000),
          progress: state.progress,
          onRecord: this.#onRecord,
          onStop: this.#onStop,
        });
      }
      case 'done':
        return doneView(m);
      case 'error':
        return errorView(m, state.error, this.#onRetry);
    }
  }
}
