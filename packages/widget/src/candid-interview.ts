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
import { TickerController } from './controllers/ticker-controller.js';
import { UploadController, type JournaledTake, type Take, type TakeProgress } from './controllers/upload-controller.js';
import { CandidError, CandidErrorCode, toCandidError } from './errors.js';
import { emit } from './events.js';
import { I18nController } from './i18n/i18n-controller.js';
import type { CandidMessageOverrides } from './i18n/merge.js';
import type { CandidMessages } from './lang/en.js';
import { hlsLoader } from './media/load-hls.js';
import { uploadTypeOfFile } from './media/mime.js';
import {
  committedCount,
  createInterviewStore,
  currentQuestion,
  overallProgress,
  type InterviewState,
  type Phase,
  type ReadonlyStore,
} from './store/interview-store.js';
import type { Question } from './api/types.js';
import { resolveAssetsBase } from './vad/assets-base.js';
import type { SpeechVerdict } from './vad/types.js';
import { VadController } from './controllers/vad-controller.js';
import { speechCheck, speechNudge } from './views/speech-views.js';
import { introView, requestPanel, reviewView, withdrawnView, withdrawPanel } from './views/flow-views.js';
import { TIME_WARNING_SECONDS } from './views/question-view.js';
import { styles } from './styles.js';
import { checkView } from './views/check-view.js';
import { consentView } from './views/consent-view.js';
import { questionView } from './views/question-view.js';
import { interruptedView, resumingView } from './views/resume-views.js';
import { declinedView, doneView, errorView, loadingView, networkBanner, permissionView } from './views/status-views.js';

export type { CandidMessageOverrides } from './i18n/merge.js';

/** Server answers after which nothing of this session may stay on the device. */
const SESSION_GONE = new Set(['SESSION_WITHDRAWN', 'SESSION_ERASED']);

/** Phases with a "Withdraw consent" button (consent was given, the interview is not over). */
const WITHDRAWABLE = new Set<Phase>(['resuming', 'interrupted', 'permission', 'check', 'intro', 'ready', 'recording', 'review', 'error']);

/** Remaining-time milestones announced to screen readers while recording (seconds). */
const TIME_MILESTONES = [120, 60, 30, TIME_WARNING_SECONDS, 10];

/** The question the candidate is on: the practice question while practising, else the first pending one. */
function activeQuestion(state: InterviewState): Question | null {
  if (!state.practicing) return currentQuestion(state);
  const practice = state.session?.practiceQuestion;
  if (!practice) return null;
  // The server applies accommodations to real questions; do the same for the practice one.
  const acc = state.session?.accommodations;
  const multiplier = acc?.timeMultiplier ?? 1;
  return {
    id: 'practice',
    prompt: practice.prompt,
    thinkSeconds: Math.round(practice.thinkSeconds * multiplier),
    answerSeconds: acc?.noTimeLimit ? null : Math.round(practice.answerSeconds * multiplier),
    maxRetakes: Number.POSITIVE_INFINITY,
  };
}

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
 * Theming and languages: docs/theming.md (generated tags below match its tables).
 *
 * @summary One-way video interview (consent → device check → record → upload), crash-proof.
 * @tagname candid-interview
 *
 * @attr token - Session token issued by the server SDK.
 * @attr endpoint - URL where the server SDK router is mounted (e.g. `https://ats.example.com/candid`).
 * @attr locale - BCP 47 language of the UI: `en`, `es`, `fr`, `de`, `ar` ship (`es-MX` → `es`, unknown → `en`).
 *   Absent: the interview's locale. Sets `lang` and `dir` (rtl for Arabic) on the element.
 * @attr assets-base - URL of the folder holding the lazily loaded chunks (VAD, hls.js) and their assets.
 *   Absent: the `assets/` folder next to the script.
 * @attr phase - (read-only, reflected) the current phase, for styling.
 *
 * @fires {CustomEvent<CandidReadyDetail>} candid-ready - Session loaded.
 * @fires {CustomEvent<CandidConsentDetail>} candid-consent - Consent decision stored.
 * @fires {CustomEvent<CandidProgressDetail>} candid-progress - Upload progress of the current take and of the interview.
 * @fires {CustomEvent<CandidAnswerDetail>} candid-answer - An answer was uploaded and committed.
 * @fires {CustomEvent<CandidCompleteDetail>} candid-complete - Session completed.
 * @fires {CustomEvent<CandidRequestDetail>} candid-request - The candidate's request (accommodation, another format, human review, no automated evaluation) was stored.
 * @fires {CustomEvent<CandidWithdrawnDetail>} candid-withdrawn - The candidate withdrew consent; the session is stopped and its recordings are deleted from the device.
 * @fires {CustomEvent<CandidErrorDetail>} candid-error - Something failed: a stable `code`, `message`, `recoverable`.
 *
 * @slot error-{CODE} - Replaces the default text of the error (or help) screen for one error code.
 *
 * @csspart status - Loading text
 * @csspart network - Offline / reconnecting banner
 * @csspart consent - The consent form
 * @csspart notice - The privacy notice (rendered Markdown)
 * @csspart notice-item - One item of the notice (`data-item`: `C1`…`C13`, compliance.md §2.1): a heading, Candid's standard text and/or the employer's section
 * @csspart declined - Screen after declining
 * @csspart withdrawn - Screen after withdrawing consent
 * @csspart permission - "Allow the camera" screen
 * @csspart check - The device check
 * @csspart select - Every select (plus `camera`, `microphone`, `request-type`)
 * @csspart mic-level - Microphone level meter
 * @csspart connection - Connection check result (`data-verdict`: `checking`, `good`, `slow`, `unknown`)
 * @csspart speech-check - "Say a few words" check (voice activity detection)
 * @csspart speech-nudge - "We can't hear you" hint while recording
 * @csspart intro - How the interview works (before the first question)
 * @csspart prompt-video - Welcome or question video
 * @csspart practice-label - "Practice question" label
 * @csspart question - The question screen
 * @csspart counter - "Question 2 of 5"
 * @csspart overall - Overall progress (bar and text)
 * @csspart prompt - The question text
 * @csspart think - Think-time countdown
 * @csspart preview - Live camera preview (mirrored)
 * @csspart timer - Recording time or time left
 * @csspart time-warning - Warning before the time limit, with "More time"
 * @csspart saving - "Saving your answer" text
 * @csspart upload-progress - Upload progress of the current answer
 * @csspart file - File input (browsers without MediaRecorder)
 * @csspart review - Review screen after an answer
 * @csspart playback - Playback of the recorded answer
 * @csspart resuming - Finishing an earlier visit's upload
 * @csspart interrupted - Keep or re-record an interrupted take
 * @csspart request - "Ask the employer" form (more time, another format)
 * @csspart request-sent - Confirmation of a request
 * @csspart footer - Footer with "Withdraw consent"
 * @csspart withdraw-confirm - Withdrawal confirmation box (and its confirm button)
 * @csspart error - Error screen (`help` too for camera and microphone problems)
 * @csspart done - Final screen
 * @csspart button - Every button, plus one name each: `agree`, `decline`, `alternative`, `continue`, `flip`, `start`, `practice`, `request`, `send-request`, `cancel-request`, `record`, `stop`, `extend`, `submit`, `retake`, `keep`, `retry`, `withdraw`, `withdraw-confirm`, `withdraw-cancel`
 * @csspart camera - Camera select (also `select`)
 * @csspart microphone - Microphone select (also `select`)
 * @csspart request-type - Request type select (also `select`)
 * @csspart help - Help text of camera and microphone errors (also `error`)
 * @csspart agree - "I agree" button (also `button`)
 * @csspart decline - "Decline" button (also `button`)
 * @csspart alternative - "Ask for another format or an accommodation" button (also `button`)
 * @csspart continue - Continue button (also `button`)
 * @csspart flip - Switch camera button (also `button`)
 * @csspart start - "Start the interview" (or end the practice) button (also `button`)
 * @csspart practice - Practice question button (also `button`)
 * @csspart send-request - Send request button (also `button`)
 * @csspart cancel-request - Cancel request button (also `button`)
 * @csspart record - Record button (also `button`)
 * @csspart stop - Stop recording button (also `button`)
 * @csspart extend - "More time" button (also `button`)
 * @csspart submit - Submit answer button (also `button`)
 * @csspart retake - Retake button (also `button`)
 * @csspart keep - Keep interrupted take button (also `button`)
 * @csspart retry - Retry button (also `button`)
 * @csspart withdraw - "Withdraw consent" button (also `button`)
 * @csspart withdraw-cancel - Cancel withdrawal button (also `button`)
 * @cssproperty [--candid-font=inherit] - `font` shorthand of the widget
 * @cssproperty [--candid-color=inherit] - Text colour
 * @cssproperty [--candid-background=transparent] - Background of the widget
 * @cssproperty [--candid-max-width=40rem] - Maximum inline size (width)
 * @cssproperty [--candid-padding=1rem] - Padding around the widget
 * @cssproperty [--candid-radius=0.5rem] - Corner radius of the widget, buttons, videos, notice and banners
 * @cssproperty [--candid-gap=0.75rem] - Main spacing: between buttons, around fields and the prompt
 * @cssproperty [--candid-gap-small=0.5rem] - Spacing inside labels (checkbox to text)
 * @cssproperty [--candid-gap-large=1rem] - Spacing above button rows and around the consent choices
 * @cssproperty [--candid-heading-size=1.25rem] - Font size of screen headings
 * @cssproperty [--candid-prompt-size=1.125rem] - Font size of the question
 * @cssproperty [--candid-small-size=0.875rem] - Font size of hints, counters and timers
 * @cssproperty [--candid-accent=#1d4ed8] - Button border and text, checkboxes, progress bars, links
 * @cssproperty [--candid-button-background=#fff] - Button background
 * @cssproperty [--candid-button-color=var(--candid-accent)] - Button text
 * @cssproperty [--candid-button-hover-background=#eff6ff] - Button background on hover
 * @cssproperty [--candid-border-width=2px] - Button and confirmation-box border width
 * @cssproperty [--candid-target-size=2.75rem] - Minimum height of buttons, selects and text areas (never set it below `1.5rem` = 24 px)
 * @cssproperty [--candid-link-color=var(--candid-accent)] - Links in the notice and link-style buttons ("Withdraw consent")
 * @cssproperty [--candid-focus-color=#b45309] - Keyboard focus ring colour
 * @cssproperty [--candid-focus-width=3px] - Keyboard focus ring width
 * @cssproperty [--candid-focus-offset=2px] - Gap between a control and its focus ring
 * @cssproperty [--candid-border-color=#767676] - Border of the privacy notice box
 * @cssproperty [--candid-input-background=#fff] - Background of selects and text areas
 * @cssproperty [--candid-input-color=#1a1a1a] - Text of selects and text areas
 * @cssproperty [--candid-input-border-color=#767676] - Border of selects and text areas
 * @cssproperty [--candid-input-radius=0.25rem] - Corner radius of selects, text areas and the file input
 * @cssproperty [--candid-error-color=#b91c1c] - Error hints, the time warning, the withdrawal confirmation border
 * @cssproperty [--candid-banner-background=#fef9c3] - Offline / reconnecting banner background
 * @cssproperty [--candid-banner-color=#422006] - Offline / reconnecting banner text
 * @cssproperty [--candid-preview-background=#000] - Letterbox behind videos
 * @cssproperty [--candid-transition=150ms] - Duration of button colour transitions (off with reduced motion)
 */
export class CandidInterview extends LitElement {
  static readonly version = VERSION;

  static override properties = {
    token: { type: String },
    endpoint: { type: String },
    locale: { type: String },
    assetsBase: { type: String, attribute: 'assets-base' },
    messages: { attribute: false },
    timesliceMs: { attribute: false },
  };

  static override styles = styles;

  /** Session token (attribute `token`). */
  declare token: string;
  /** Server SDK mount URL (attribute `endpoint`). */
  declare endpoint: string;
  /** UI language (attribute `locale`, BCP 47); '' = the interview's locale. See docs/theming.md. */
  declare locale: string;
  /**
   * Folder of the lazily loaded chunks (VAD, hls.js) and their assets (attribute `assets-base`).
   * Default: the `assets/` folder next to the script (see `vad/assets-base.ts`).
   */
  declare assetsBase: string;
  /** Overrides for any UI string. */
  declare messages: CandidMessageOverrides;
  /** MediaRecorder timeslice in ms: the journal and upload chunk (default 1000; see `DEFAULT_TIMESLICE_MS`). */
  declare timesliceMs: number;

  readonly #interview = createInterviewStore();
  readonly #state = new StoreController(this, this.#interview.store);
  readonly #camera = new CameraController(this);
  readonly #micLevel = new MicLevelController(this);
  // VAD (speech check, "can't hear you" nudge, speech segments + silent flag in the commit).
  readonly #vad = new VadController(this, { assetsBase: () => resolveAssetsBase(this.assetsBase) });
  readonly #i18n = new I18nController(this, {
    requested: () => this.locale,
    overrides: () => this.messages,
    assetsBase: () => resolveAssetsBase(this.assetsBase),
  });
  #speech: Promise<SpeechVerdict | null> | null = null;
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
  readonly #ticker = new TickerController(this, () => this.#tick());
  readonly #loadHls = hlsLoader(() => resolveAssetsBase(this.assetsBase));
  /** The take under review: its main track's chunks (local playback) and its upload's completion. */
  #takeBlobs: Blob[] = [];
  #takeMimeType = '';
  #playbackUrl: string | null = null;
  #stopping: Promise<Take> | null = null;
  #stopRequested = false;
  #requestOpen = false;
  #requestSent = false;
  #requestBusy = false;
  #withdrawConfirming = false;
  #withdrawBusy = false;
  /** Text of the polite live region (announced without moving focus). */
  #liveMessage = '';
  #announced = new Set<number>();
  #lastPhase: Phase | null = null;

  constructor() {
    super();
    this.token = '';
    this.endpoint = '';
    this.locale = '';
    this.messages = {};
    this.timesliceMs = DEFAULT_TIMESLICE_MS;
    this.assetsBase = '';
    this.addEventListener('keydown', this.#onKeydown);
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
    this.#vad.attach(this.#camera.stream); // loads on the first stream (device check), listens while it runs
    const state = this.#state.value;
    this.#ticker.active = phase === 'recording' || (phase === 'ready' && state.thinkEndsAt !== null);
    if (phase !== this.#lastPhase) {
      const previous = this.#lastPhase;
      this.#lastPhase = phase;
      if (previous !== null && previous !== 'loading') this.#focusScreen(phase);
    }
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
    this.#resetTake();
    this.#showConsentHint = false;
    this.#requestOpen = this.#requestSent = this.#withdrawConfirming = false;
    this.#api = new CandidApi({ endpoint: this.endpoint, token: this.token });
    void this.#load(run);
  }

  async #load(run: number): Promise<void> {
    const { actions } = this.#interview;
    try {
      const session = await this.#api!.getSession();
      // Without a `locale` attribute the interview's language applies; its catalog loads meanwhile.
      const catalog = this.#i18n.interviewLocale(session.interview.locale);
      await this.#upload.prepare();
      const journaled = await this.#upload.journaledTakes(session);
      if (run !== this.#run) return;
      this.#journaled = journaled;
      await catalog; // never rejects: English stays if the catalog cannot load
      if (run !== this.#run) return;
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
   * Finishes what the journal holds: each take is uploaded from the server's offset; submitted takes
   * are committed; a take cut mid-recording, or stopped but still under review, waits for the
   * candidate (keep or submit / record again), who can watch it first.
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
        if (take.interrupted || !take.submitted) {
          const question = store.getState().session?.questions.find((q) => q.id === take.questionId);
          const playback = await this.#upload.journaledPlayback(take);
          if (run !== this.#run) return;
          this.#resetTake();
          if (playback) this.#playbackUrl = URL.createObjectURL(playback);
          this.#interruptedTake = take;
          actions.takeInterrupted({
            questionId: take.questionId,
            attempt: take.attempt,
            durationMs: take.durationMs ?? 0,
            canRetake: take.attempt < (question?.maxRetakes ?? 0) + 1,
            unsubmitted: !take.interrupted,
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
    this.#resetTake();
    try {
      await this.#upload.markSubmitted();
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
    this.#resetTake();
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
      const res = await this.#api!.postConsent({ noticeVersion, choices, ageConfirmed, locale: this.#i18n.shown });
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
    const question = activeQuestion(state);
    const stream = this.#camera.stream;
    if (state.phase !== 'ready' || !question || !state.session) return;
    const run = this.#run;
    const practicing = state.practicing;
    try {
      if (!stream) throw new CandidError(CandidErrorCode.CAMERA_FAILED, 'The camera is not running.', { recoverable: true });
      this.#resetTake();
      const main = state.audioOnly ? 'audio' : 'video';
      const limitMs = question.answerSeconds === null ? null : question.answerSeconds * 1000;
      // A practice take is only played back: one recorder, nothing journaled or uploaded.
      const outputs = this.#recorder.start(stream, {
        outputs: defaultOutputs(state.audioOnly).filter((o) => !practicing || o.track === main),
        timesliceMs: this.timesliceMs,
        ...(limitMs === null ? {} : { maxDurationMs: limitMs }),
        onChunk: (track, blob) => {
          if (track === main) this.#takeBlobs.push(blob);
          if (!practicing) this.#upload.append(track, blob);
        },
        onAutoStop: () => void this.#stop(),
        onError: (error) => this.#fail(run, error),
      });
      this.#takeMimeType = outputs.find((o) => o.track === main)?.mimeType ?? '';
      this.#vad.beginAnswer();
      if (!practicing) this.#upload.begin({ sessionId: state.session.sessionId, questionId: question.id, attempt: state.attempt }, outputs);
      actions.recordingStarted({ limitMs, canExtend: state.session.flow?.allowTimeExtension !== false });
      this.#announced.clear();
      this.#announce(this.#messages.announceRecordingStarted);
    } catch (err) {
      this.#fail(run, err);
    }
  }

  /** Stop (or the time limit): the take goes to review while its upload finishes. */
  async #stop(): Promise<void> {
    const { actions, store } = this.#interview;
    const state = store.getState();
    if (state.phase !== 'recording' || this.#stopRequested) return; // button + time limit
    this.#stopRequested = true;
    this.#speech = this.#vad.endAnswer(); // the take ends now, not when the recorders have flushed
    const run = this.#run;
    try {
      const recording = await this.#recorder.stop();
      if (run !== this.#run) return;
      if (!state.practicing) {
        const stopping = this.#upload.stop({ durationMs: recording.durationMs });
        stopping.catch((err: unknown) => this.#fail(run, err));
        this.#stopping = stopping;
        // Journaled with the take, so a commit after a reload still carries the speech segments.
        const take = this.#upload.current;
        const speech = this.#speech;
        if (take && speech) void speech.then((verdict) => (verdict ? this.#upload.markSpeech(take, verdict) : undefined)).catch(() => {});
      }
      this.#playbackUrl = URL.createObjectURL(new Blob(this.#takeBlobs, this.#takeMimeType ? { type: this.#takeMimeType } : {}));
      actions.recordingReviewed(recording.durationMs);
      this.#announce(this.#messages.announceReview);
    } catch (err) {
      this.#fail(run, err);
    }
  }

  /** Submit the reviewed take: wait for its last bytes, then commit it as the answer. */
  async #submit(): Promise<void> {
    const stopping = this.#stopping;
    const run = this.#run;
    if (!stopping || !this.#interview.actions.submitted()) return;
    this.#stopping = null;
    try {
      // Journaled first: a reload while the last bytes upload commits the take without asking again.
      const [take] = await Promise.all([stopping, this.#upload.markSubmitted()]);
      take.speech = (await this.#speech) ?? null;
      if (run !== this.#run) return;
      await this.#commitTake(run, take, false);
      if (run !== this.#run) return;
      this.#resetTake();
      this.#announce(this.#messages.announceAnswerSaved);
      await this.#advance(run);
    } catch (err) {
      this.#fail(run, err);
    }
  }

  /** Record again: the reviewed take's uploads are deleted on the server and on this device. */
  #retake(): void {
    const state = this.#interview.store.getState();
    const question = activeQuestion(state);
    if (state.phase !== 'review' || !question || (!state.practicing && state.attempt >= question.maxRetakes + 1)) return;
    const stopping = this.#stopping;
    this.#stopping = null;
    if (stopping) void stopping.then((take) => this.#upload.drop(take, { terminate: true })).catch(() => {});
    this.#resetTake();
    this.#interview.actions.retake({});
  }

  /** Intro → practice question, or the interview itself (also after practising). */
  #begin(practice: boolean): void {
    const state = this.#interview.store.getState();
    this.#resetTake();
    const question = activeQuestion({ ...state, practicing: practice });
    this.#interview.actions.begin({ practice, thinkSeconds: question?.thinkSeconds ?? 0 });
  }

  /** Every 250 ms while a countdown runs: think time ends, time milestones are announced. */
  #tick(): void {
    const state = this.#interview.store.getState();
    if (state.phase === 'ready' && state.thinkEndsAt !== null && Date.now() >= state.thinkEndsAt) {
      this.#interview.actions.thinkDone();
      this.#record();
      return;
    }
    const limitMs = state.timer?.limitMs ?? null;
    if (state.phase !== 'recording' || limitMs === null || state.recordingStartedAt === null) return;
    const left = Math.ceil((limitMs - (Date.now() - state.recordingStartedAt)) / 1000);
    for (const milestone of TIME_MILESTONES) {
      if (left <= milestone && milestone < limitMs / 1000 && !this.#announced.has(milestone)) {
        this.#announced.add(milestone);
        this.#announce(this.#messages.announceTimeLeft(milestone));
      }
    }
  }

  /** One more minute for the running answer (button, or "+" while the warning shows). */
  #extend(): void {
    const { actions, store } = this.#interview;
    if (!actions.extendTime()) return;
    const { timer, recordingStartedAt } = store.getState();
    this.#recorder.setLimit(timer?.limitMs ?? null);
    for (const milestone of TIME_MILESTONES) this.#announced.delete(milestone);
    const left = Math.ceil(((timer?.limitMs ?? 0) - (Date.now() - (recordingStartedAt ?? Date.now()))) / 1000);
    this.#announce(this.#messages.announceExtended(left));
  }

  async #withdraw(): Promise<void> {
    const run = this.#run;
    this.#withdrawBusy = true;
    this.requestUpdate();
    try {
      this.#recorder.cancel();
      this.#upload.cancel();
      await this.#api!.withdrawConsent();
      if (run !== this.#run) return;
      const sessionId = this.#interview.store.getState().session?.sessionId ?? sessionIdOfToken(this.token);
      if (sessionId) await this.#upload.forgetSession(sessionId).catch(() => {});
      this.#camera.stop();
      this.#resetTake();
      this.#withdrawConfirming = false;
      this.#interview.actions.withdrew();
      if (sessionId) emit(this, CandidEvents.withdrawn, { sessionId });
    } catch (err) {
      this.#fail(run, err);
    } finally {
      this.#withdrawBusy = false;
      this.requestUpdate();
    }
  }

  async #sendRequest(form: HTMLFormElement): Promise<void> {
    const type = (form.elements.namedItem('type') as HTMLSelectElement | null)?.value ?? 'accommodation';
    const message = (form.elements.namedItem('message') as HTMLTextAreaElement | null)?.value.trim() ?? '';
    this.#requestBusy = true;
    this.requestUpdate();
    try {
      const { request } = await this.#api!.sendRequest({ type, ...(message ? { message } : {}) });
      this.#requestSent = true;
      emit(this, CandidEvents.request, { requestId: request.id, type: request.type });
      this.#announce(this.#messages.requestSent);
    } catch (err) {
      const error = toCandidError(err);
      this.#announce(this.#messages.errors[error.code] ?? error.message);
      emit(this, CandidEvents.error, error.toJSON());
    } finally {
      this.#requestBusy = false;
      this.requestUpdate();
    }
  }

  #resetTake(): void {
    if (this.#playbackUrl) URL.revokeObjectURL(this.#playbackUrl);
    this.#playbackUrl = null;
    this.#takeBlobs = [];
    this.#stopRequested = false;
  }

  #announce(text: string): void {
    this.#liveMessage = text;
    this.requestUpdate();
  }

  /**
   * Moves focus to the new screen's heading (or the question) so keyboard and screen-reader users
   * start there; never while recording (focus stays on Stop), never away from the host page.
   */
  #focusScreen(phase: Phase): void {
    if (phase === 'recording' || phase === 'finishing' || phase === 'resuming') return;
    const active = document.activeElement;
    if (active && active !== document.body && active !== this) return;
    const inside = this.shadowRoot?.activeElement;
    if (inside && inside.isConnected && phase === 'ready') return; // e.g. retake: focus stays on a live control
    void this.updateComplete.then(() => {
      const target = this.shadowRoot?.querySelector<HTMLElement>(phase === 'ready' ? '#prompt' : 'h2, h3, button');
      if (!target) return;
      if (!target.matches('button')) target.tabIndex = -1;
      target.focus({ preventScroll: false });
    });
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
      await this.#upload.markSubmitted(); // picking the file was the decision: no review follows
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
    return phase === 'recording' || ((phase === 'review' || phase === 'finishing' || phase === 'resuming' || phase === 'error') && this.#upload.unsentBytes > 0);
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

  /** Language of the texts shown (for captions tracks). */
  get #lang(): string {
    return this.locale || this.#interview.store.getState().session?.interview.locale || 'en';
  }

  /** The negotiated catalog with `messages` overrides (English until a lazy catalog has loaded). */
  get #messages(): CandidMessages {
    return this.#i18n.messages;
  }

  #onConsentSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.#submitConsent(true, event.currentTarget as HTMLFormElement);
  };

  #onConsentDecline = (event: MouseEvent): void => {
    const form = (event.currentTarget as HTMLButtonElement).form;
    if (form) void this.#submitConsent(false, form);
  };

  #onRecord = (): void => {
    this.#interview.actions.thinkDone();
    this.#record();
  };
  #onStop = (): void => void this.#stop();
  #onSubmit = (): void => void this.#submit();
  #onRetakeTake = (): void => this.#retake();
  #onStart = (): void => this.#begin(false);
  #onPractice = (): void => this.#begin(true);
  #onExtend = (): void => this.#extend();
  #onKeydown = (event: KeyboardEvent): void => {
    // One-key extension, only while the time warning is shown (WCAG 2.2.1 / 2.1.4).
    if ((event.key === '+' || event.key === 'Add') && this.#warningShown()) {
      event.preventDefault();
      this.#extend();
    }
  };
  #onRequestOpen = (): void => {
    this.#requestOpen = true;
    this.#requestSent = false;
    this.requestUpdate();
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>('#request-title')?.focus());
  };
  #onRequestCancel = (): void => {
    this.#requestOpen = false;
    this.requestUpdate();
  };
  #onRequestSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.#sendRequest(event.currentTarget as HTMLFormElement);
  };
  #onWithdrawOpen = (): void => {
    this.#withdrawConfirming = true;
    this.requestUpdate();
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>('#withdraw-title')?.focus());
  };
  #onWithdrawCancel = (): void => {
    this.#withdrawConfirming = false;
    this.requestUpdate();
  };
  #onWithdrawConfirm = (): void => void this.#withdraw();
  #onRetry = (): void => this.#retry();
  #onContinue = (): void => {
    this.#micLevel.resume();
    this.#vad.resume();
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

  #warningShown(): boolean {
    const { phase, timer, recordingStartedAt } = this.#interview.store.getState();
    if (phase !== 'recording' || !timer?.canExtend || timer.limitMs === null || recordingStartedAt === null) return false;
    return timer.limitMs - (Date.now() - recordingStartedAt) <= TIME_WARNING_SECONDS * 1000;
  }

  override render(): TemplateResult {
    const state = this.#state.value;
    const m = this.#messages;
    const quiet = state.phase === 'done' || state.phase === 'declined' || state.phase === 'consent' || state.phase === 'withdrawn';
    const canRequest = state.phase === 'consent' || state.phase === 'intro' || state.phase === 'declined';
    const consented = state.consent?.recording === true || state.session?.consent?.recording === true || state.session?.status === 'in_progress';
    return html`${quiet ? nothing : networkBanner(m, state.online, state.reconnecting, this.#upload.persistent)}${this.#body(state, m)}
      ${this.#requestOpen && canRequest
        ? requestPanel({ m, busy: this.#requestBusy, sent: this.#requestSent, onSubmit: this.#onRequestSubmit, onCancel: this.#onRequestCancel })
        : nothing}
      ${consented && WITHDRAWABLE.has(state.phase)
        ? withdrawPanel({
            m,
            confirming: this.#withdrawConfirming,
            busy: this.#withdrawBusy,
            onOpen: this.#onWithdrawOpen,
            onConfirm: this.#onWithdrawConfirm,
            onCancel: this.#onWithdrawCancel,
          })
        : nothing}
      <div class="sr-only" role="status" aria-live="polite">${this.#liveMessage}</div>`;
  }

  #body(state: InterviewState, m: CandidMessages): TemplateResult {
    switch (state.phase) {
      case 'loading':
        return loadingView(m);
      case 'consent':
        return consentView({
          m,
          notice: state.session?.notice ?? null,
          disclosure: state.session?.disclosure ?? null,
          questions: state.session?.questions ?? [],
          busy: state.busy,
          showHint: this.#showConsentHint,
          // The policy already takes the interview's own minimum into account (strictest wins).
          minimumAge: state.session?.policy?.minimumAge ?? state.session?.flow?.minimumAge ?? 16,
          onAgree: this.#onConsentSubmit,
          onDecline: this.#onConsentDecline,
          onAlternative: this.#onRequestOpen,
        });
      case 'declined':
        return declinedView(m);
      case 'resuming':
        return resumingView(m, state.progress);
      case 'interrupted':
        return state.interrupted
          ? interruptedView({
              m,
              take: state.interrupted,
              busy: state.busy,
              playbackUrl: this.#playbackUrl,
              audioOnly: state.audioOnly,
              onKeep: this.#onKeep,
              onRetake: this.#onRetake,
            })
          : resumingView(m, null);
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
          extra: speechCheck(m, this.#vad.listening, this.#vad.heardSpeech),
          onCamera: this.#onCamera,
          onMicrophone: this.#onMicrophone,
          onFlip: this.#onFlip,
          onContinue: this.#onContinue,
        });
      }
      case 'intro':
        return introView({
          m,
          lang: this.#lang,
          questionCount: state.session?.questions.length ?? 0,
          answered: committedCount(state),
          hasPractice: Boolean(state.session?.practiceQuestion),
          introVideoUrl: state.session?.flow?.introVideoUrl ?? null,
          introCaptionsUrl: state.session?.flow?.introCaptionsUrl ?? null,
          loadHls: this.#loadHls,
          onPractice: this.#onPractice,
          onStart: this.#onStart,
          onRequest: this.#onRequestOpen,
        });
      case 'review': {
        const question = activeQuestion(state);
        return reviewView({
          m,
          practicing: state.practicing,
          playbackUrl: this.#playbackUrl,
          audioOnly: state.audioOnly,
          retakesLeft: question ? Math.max(0, question.maxRetakes + 1 - state.attempt) : 0,
          progress: state.progress,
          onSubmit: this.#onSubmit,
          onRetake: this.#onRetakeTake,
          onEndPractice: this.#onStart,
        });
      }
      case 'withdrawn':
        return withdrawnView(m);
      case 'ready':
      case 'recording':
      case 'finishing': {
        const questions = state.session?.questions ?? [];
        const question = activeQuestion(state);
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
          thinkSecondsLeft:
            state.phase === 'ready' && state.thinkEndsAt !== null && state.captureMode === 'recorder'
              ? Math.max(0, Math.ceil((state.thinkEndsAt - Date.now()) / 1000))
              : null,
          timer: state.timer,
          practicing: state.practicing,
          lang: this.#lang,
          loadHls: this.#loadHls,
          progress: state.progress,
          extra: speechNudge(m, state.phase === 'recording' && this.#vad.noSpeechYet),
          onRecord: this.#onRecord,
          onStop: this.#onStop,
          onExtend: this.#onExtend,
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
