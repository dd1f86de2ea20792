import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { DEFAULT_TIMESLICE_MS, VERSION } from './constants.js';
import { AnnouncerController } from './controllers/announcer-controller.js';
import { CameraController } from './controllers/camera-controller.js';
import { ConnectivityController } from './controllers/connectivity-controller.js';
import { LazyScreensController } from './controllers/lazy-screens-controller.js';
import { MicLevelController } from './controllers/mic-level-controller.js';
import { StoreController } from './controllers/store-controller.js';
import { CaptureController } from './controllers/capture-controller.js';
import { TickerController } from './controllers/ticker-controller.js';
import { WakeLockController } from './controllers/wake-lock-controller.js';
import { CandidError, CandidErrorCode } from './errors.js';
import { InterviewFlow } from './flow/interview-flow.js';
import { I18nController } from './i18n/i18n-controller.js';
import type { CandidMessageOverrides } from './i18n/merge.js';
import type { CandidMessages } from './lang/en.js';
import { MediaReleaser } from './internal/media-release.js';
import { hlsLoader } from './media/load-hls.js';
import { createInterviewStore, type InterviewState, type Phase, type ReadonlyStore } from './store/interview-store.js';
import { activeQuestion, committedCount, interviewSummary, questionNumber } from './store/selectors.js';
import { styles } from './styles.js';
import { resolveAssetsBase } from './vad/assets-base.js';
import { screenView } from './views/screen-view.js';
import { footerView, headerView, networkBanner, noLocalCopyNote, requestSentNote, restoredNote } from './views/shell-view.js';
import { errorView, loadingView } from './views/status-views.js';

export type { CandidMessageOverrides } from './i18n/merge.js';

/** Phases with a "Withdraw consent" link (consent was given, the interview is not over). */
const WITHDRAWABLE: ReadonlySet<Phase> = new Set(['resuming', 'interrupted', 'permission', 'check', 'intro', 'ready', 'recording', 'review', 'error']);
/** Phases with "Ask for more time or another format" (before any recording). */
const REQUESTABLE: ReadonlySet<Phase> = new Set(['consent', 'intro', 'declined']);
/** Phases that get the header (who is asking, where the candidate is). */
/** Phases in which a take is recorded or still uploading (a reload then needs the journal). */
const UPLOADING: ReadonlySet<Phase> = new Set(['recording', 'review', 'finishing']);
const WITH_HEADER: ReadonlySet<Phase> = new Set(['consent', 'declined', 'check', 'intro', 'ready', 'recording', 'review', 'finishing', 'done', 'interrupted', 'resuming']);

/**
 * A one-way video interview: consent, device check, then one recorded answer per question. Every
 * recorded chunk is journaled on the device (IndexedDB) before it is uploaded (tus), so a dropped
 * connection, a reload or a crash loses nothing: the next visit finishes the upload and continues
 * at the first unanswered question.
 *
 * Structure: views render the state and `ask` for what they need; `InterviewFlow` (the request
 * map) acts; controllers own one concern each (camera, take, upload, VAD, announcements, lazily
 * loaded screens). Theming and languages: docs/theming.md (generated tags below match its tables).
 *
 * @summary One-way video interview (consent → device check → record → upload), crash-proof.
 * @tagname candid-interview
 *
 * @attr token - Session token issued by the server SDK.
 * @attr endpoint - URL where the server SDK router is mounted (e.g. `https://ats.example.com/candid`).
 * @attr locale - BCP 47 language of the UI: `en`, `es`, `fr`, `de`, `ar` ship (`es-MX` → `es`, unknown → `en`).
 *   Absent: the interview's locale. Sets `lang` and `dir` (rtl for Arabic) on the element.
 * @attr assets-base - URL of the folder holding the lazily loaded chunks (texts, screens, VAD, hls.js).
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
 * @csspart header - Who is asking and where the candidate is (`employer`, `role`, `logo`, `counter`, `overall` inside)
 * @csspart logo - The employer's logo
 * @csspart employer - The employer's name
 * @csspart role - The role (the interview's title)
 * @csspart counter - "Question 2 of 5" (or "5 questions · about 12 min" before the first)
 * @csspart overall - One step per question (done, current, to do)
 * @csspart summary - Questions, duration, think time and retakes on the welcome screen
 * @csspart status - Loading text
 * @csspart network - Offline / reconnecting banner
 * @csspart restored - "We restored your progress" note after a reload or a new visit
 * @csspart consent - The welcome and consent form
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
 * @csspart question - The question screen (`data-phase`: `ready`, `recording`, `finishing`)
 * @csspart prompt - The question text
 * @csspart think - Think-time countdown text (beside its ring)
 * @csspart stage - The preview with its overlays (`data-recording`, `data-warning`); full screen on phones while recording
 * @csspart preview - Live camera preview (mirrored)
 * @csspart rec - The red REC indicator with the elapsed time
 * @csspart timer - Time left (or elapsed, without a limit; `data-kind`, `data-warning`)
 * @csspart cue - The 3-2-1 cue before recording starts by itself
 * @csspart time-warning - Warning before the time limit, with "More time"
 * @csspart saving - "Saving your answer" text
 * @csspart upload-progress - Upload state of the current answer (`data-done`)
 * @csspart file - File input (browsers without MediaRecorder)
 * @csspart review - Review screen after an answer
 * @csspart playback - Playback of the recorded answer
 * @csspart resuming - Finishing an earlier visit's upload
 * @csspart interrupted - Keep or re-record an interrupted take
 * @csspart no-local-copy - While recording/uploading on a device that keeps no copy (private mode, full storage): keep the page open
 * @csspart interruption-notice - On review: why the recording was cut short (left the page, device lost) and that recording again uses no retake
 * @csspart request - "Ask the employer" form (more time, another format)
 * @csspart request-sent - Confirmation of a request
 * @csspart footer - Footer with "Ask for more time" and "Withdraw consent"
 * @csspart withdraw-confirm - Withdrawal confirmation box (and its confirm button)
 * @csspart error - Error screen (`help` too for camera and microphone problems)
 * @csspart help - Help text of camera and microphone errors (also `error`)
 * @csspart done - Final screen
 * @csspart contact - The employer's contact link on the final screen
 * @csspart privacy - The employer's privacy information link on the final screen
 * @csspart button - Every button, plus one name each: `agree`, `decline`, `alternative`, `continue`, `flip`, `start`, `practice`, `request`, `send-request`, `cancel-request`, `record`, `stop`, `extend`, `submit`, `retake`, `keep`, `retry`, `withdraw`, `withdraw-confirm`, `withdraw-cancel`
 * @csspart primary - The one primary button of a screen (also `button`)
 * @csspart agree - "I agree" button (also `button`)
 * @csspart decline - "Decline" button (also `button`)
 * @csspart alternative - "Ask for another format or an accommodation" button (also `button`)
 * @csspart continue - Continue (device check) button (also `button`)
 * @csspart flip - Switch camera button (also `button`)
 * @csspart start - "Start the interview" (or end the practice) button (also `button`)
 * @csspart practice - Practice question button (also `button`)
 * @csspart request - "Ask for more time or another format" button (also `button`)
 * @csspart send-request - Send request button (also `button`)
 * @csspart cancel-request - Cancel request button (also `button`)
 * @csspart record - Record (or "Start recording now") button (also `button`)
 * @csspart stop - Stop recording button (also `button`)
 * @csspart extend - "More time" button (also `button`)
 * @csspart submit - Submit answer button (also `button`)
 * @csspart retake - Record again button (also `button`)
 * @csspart keep - Keep an interrupted take button (also `button`)
 * @csspart retry - Try again button (also `button`)
 * @csspart withdraw - "Withdraw consent" button (also `button`)
 * @csspart withdraw-cancel - Cancel the withdrawal button (also `button`)
 * @csspart camera - Camera select (also `select`)
 * @csspart microphone - Microphone select (also `select`)
 * @csspart request-type - Request type select (also `select`)
 * @cssproperty [--candid-font=inherit] - `font` shorthand of the widget
 * @cssproperty [--candid-font-size=1rem] - Base font size (body text; keep it ≥ 16 px)
 * @cssproperty [--candid-color=inherit] - Text colour
 * @cssproperty [--candid-background=transparent] - Background of the widget
 * @cssproperty [--candid-surface=Canvas] - Opaque background behind the sticky consent buttons on phones (set it to your page background)
 * @cssproperty [--candid-max-width=60rem] - Maximum inline size (width)
 * @cssproperty [--candid-padding=1rem] - Padding around the widget
 * @cssproperty [--candid-radius=0.75rem] - Corner radius of the widget, videos, notice, panels and banners
 * @cssproperty [--candid-button-radius=999px] - Corner radius of buttons
 * @cssproperty [--candid-gap=0.75rem] - Main spacing: between buttons, around fields and the prompt
 * @cssproperty [--candid-gap-small=0.5rem] - Spacing inside labels (checkbox to text)
 * @cssproperty [--candid-gap-large=1.25rem] - Spacing above button rows and between sections
 * @cssproperty [--candid-heading-size=1.5rem] - Font size of screen headings
 * @cssproperty [--candid-prompt-size=1.375rem] - Font size of the question
 * @cssproperty [--candid-small-size=0.875rem] - Font size of hints, counters and timers
 * @cssproperty [--candid-accent=#1d4ed8] - Primary buttons, checkboxes, progress, links, the question steps
 * @cssproperty [--candid-accent-contrast=#fff] - Text on the accent colour
 * @cssproperty [--candid-accent-hover=accent darkened 15%] - Primary button background on hover
 * @cssproperty [--candid-muted=currentColor at 72%] - Secondary text (hints, role, meta)
 * @cssproperty [--candid-line-color=currentColor at 18%] - Dividers, step tracks, panel borders
 * @cssproperty [--candid-chip-background=currentColor at 7%] - Background of the summary chips
 * @cssproperty [--candid-button-background=transparent] - Background of secondary buttons
 * @cssproperty [--candid-button-color=inherit] - Text of secondary buttons
 * @cssproperty [--candid-button-hover-background=currentColor at 8%] - Secondary button background on hover
 * @cssproperty [--candid-control-border-color=currentColor at 55%] - Border of secondary buttons
 * @cssproperty [--candid-border-width=1px] - Button, panel and confirmation-box border width
 * @cssproperty [--candid-target-size=2.75rem] - Minimum height of buttons, selects and text areas (never set it below `1.5rem` = 24 px)
 * @cssproperty [--candid-link-color=var(--candid-accent)] - Links in the notice and link-style buttons ("Withdraw consent")
 * @cssproperty [--candid-focus-color=#b45309] - Keyboard focus ring colour
 * @cssproperty [--candid-focus-width=3px] - Keyboard focus ring width
 * @cssproperty [--candid-focus-offset=2px] - Gap between a control and its focus ring
 * @cssproperty [--candid-border-color=currentColor at 30%] - Border of the privacy notice box
 * @cssproperty [--candid-input-background=#fff] - Background of selects and text areas
 * @cssproperty [--candid-input-color=#1a1a1a] - Text of selects and text areas
 * @cssproperty [--candid-input-border-color=#767676] - Border of selects and text areas
 * @cssproperty [--candid-input-radius=0.5rem] - Corner radius of selects, text areas and the file input
 * @cssproperty [--candid-error-color=#b91c1c] - Error hints, the error badge, the withdrawal confirmation border
 * @cssproperty [--candid-danger=#c81e1e] - Stop and "Withdraw and delete" buttons, the urgent time pill
 * @cssproperty [--candid-rec-color=#ef4444] - The REC dot and the urgent time bar
 * @cssproperty [--candid-success=#15803d] - Ticks and the completion badge
 * @cssproperty [--candid-note-background=success at 12%] - "We restored your progress" note
 * @cssproperty [--candid-banner-background=#fef9c3] - Offline / reconnecting banner background
 * @cssproperty [--candid-banner-color=#422006] - Offline / reconnecting banner text
 * @cssproperty [--candid-preview-background=#000] - Letterbox behind videos
 * @cssproperty [--candid-stage-max-height=min(60vh, 34rem)] - Maximum height of the preview on wide screens
 * @cssproperty [--candid-transition=150ms] - Duration of button transitions (off with reduced motion)
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
   * Folder of the lazily loaded chunks (texts, screens, VAD, hls.js) and their assets (attribute
   * `assets-base`). Default: the `assets/` folder next to the script (see `vad/assets-base.ts`).
   */
  declare assetsBase: string;
  /** Overrides for any UI string. */
  declare messages: CandidMessageOverrides;
  /** MediaRecorder timeslice in ms: the journal and upload chunk (default 1000; see `DEFAULT_TIMESLICE_MS`). */
  declare timesliceMs: number;

  readonly #interview = createInterviewStore();
  readonly #state = new StoreController(this, this.#interview.store);
  readonly #camera = new CameraController(this);
  readonly #media = new MediaReleaser();
  readonly #micLevel = new MicLevelController(this);
  readonly #i18n = new I18nController(this, {
    requested: () => this.locale,
    overrides: () => this.messages,
    assetsBase: () => this.#assetsBase(),
  });
  readonly #announcer = new AnnouncerController(this);
  readonly #screens = new LazyScreensController(this, {
    assetsBase: () => this.#assetsBase(),
    onUnavailable: (name) =>
      this.#flow.fail(new CandidError(CandidErrorCode.ASSETS_UNAVAILABLE, `The "${name}" screen could not be loaded from assets-base.`, { recoverable: true })),
  });
  // Take, upload (tus + journal) and VAD (speech check, "can't hear you" nudge, speech segments):
  // loaded lazily, in parallel with the session.
  readonly #capture: CaptureController = new CaptureController(this, {
    api: () => this.#flow.api,
    onProgress: (progress) => this.#flow.progressed(progress),
    onError: (error) => this.#flow.fail(error),
    onConnection: (ok) => this.#interview.actions.network({ reconnecting: !ok }),
    assetsBase: () => this.#assetsBase(),
  });
  readonly #flow: InterviewFlow = new InterviewFlow(this, {
    interview: this.#interview,
    camera: this.#camera,
    micLevel: this.#micLevel,
    capture: this.#capture,
    announcer: this.#announcer,
    i18n: this.#i18n,
    screens: this.#screens,
  });
  readonly #connectivity = new ConnectivityController(this, {
    onChange: (online) => {
      this.#interview.actions.network(online ? { online } : { online, reconnecting: false });
      if (online) this.#capture.engine?.upload.nudge();
    },
    hasUnsentBytes: () => this.#flow.hasUnsentBytes(),
  });
  readonly #ticker = new TickerController(this, () => this.#flow.tick());
  /** The screen stays on while a question is under way (phones lock, and a locked screen stops the camera). */
  readonly #wakeLock = new WakeLockController(this, this.#interview.store);
  readonly #loadHls = hlsLoader(() => this.#assetsBase());
  /** The recording (by its start time) whose stage was last scrolled into view. */
  #stageShownFor: number | null = null;

  constructor() {
    super();
    this.token = '';
    this.endpoint = '';
    this.locale = '';
    this.messages = {};
    this.timesliceMs = DEFAULT_TIMESLICE_MS;
    this.assetsBase = '';
    this.addEventListener('keydown', this.#flow.onKeydown);
  }

  /** Read-only view of the interview store (for framework bindings): `getState()` and `subscribe()`. */
  get store(): ReadonlyStore<InterviewState> {
    return this.#interview.store;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#flow.start();
  }

  override disconnectedCallback(): void {
    // Before the controllers stop the camera: no paused preview may hold the stream meanwhile.
    this.#media.releaseAll();
    super.disconnectedCallback();
  }

  protected override willUpdate(): void {
    // Checked before the first render (not in connectedCallback): frameworks may set the
    // properties right after inserting the element.
    if (!this.hasUpdated && (!this.token || !this.endpoint)) {
      this.#flow.fail(new CandidError(CandidErrorCode.MISSING_ATTRIBUTES, '<candid-interview> needs both a token and an endpoint attribute.'));
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('token') || changed.has('endpoint')) this.#flow.start();
    const state = this.#state.value;
    const { phase } = state;
    if (this.getAttribute('phase') !== phase) this.setAttribute('phase', phase);
    this.#media.sweep(this.shadowRoot);
    this.#micLevel.attach(phase === 'check' ? this.#camera.stream : null);
    this.#capture.engine?.vad.attach(this.#camera.stream); // loads on the first stream (device check), listens while it runs
    this.#ticker.active = phase === 'recording' || (phase === 'ready' && state.thinkEndsAt !== null);
    this.#announcer.screenShown(phase);
    if (phase === 'recording') this.#keepStageInView();
    // Updates can still run after removal: never leave a leave-page prompt behind a detached element.
    this.#connectivity.guard(this.isConnected && this.#flow.hasUnsentBytes());
  }

  #assetsBase(): string {
    return resolveAssetsBase(this.assetsBase);
  }

  /** Recording started: the preview (with Stop) scrolls into view once if the page had it cut off. */
  #keepStageInView(): void {
    const started = this.#state.value.recordingStartedAt;
    if (started === null || started === this.#stageShownFor) return;
    this.#stageShownFor = started;
    this.shadowRoot?.querySelector('.stage')?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }

  override render(): TemplateResult {
    const state = this.#state.value;
    const m = this.#i18n.messages;
    const ask = this.#flow.handle;
    if (!m) {
      // Before the catalog has loaded (the script-tag core carries none): the few boot words.
      const boot = this.#i18n.boot;
      return html`${this.#announcer.region()}${state.phase === 'error' ? errorView(boot, state.error, ask) : loadingView(boot.loading)}`;
    }
    const quiet = state.phase === 'done' || state.phase === 'declined' || state.phase === 'consent' || state.phase === 'withdrawn';
    const consented = state.consent?.recording === true || state.session?.consent?.recording === true || state.session?.status === 'in_progress';
    return html`${this.#announcer.region()}
      ${quiet ? nothing : networkBanner(m, state.online, state.reconnecting, this.#capture.engine?.upload.persistent ?? true)}
      ${state.online && !state.reconnecting && UPLOADING.has(state.phase) && this.#capture.engine?.upload.localCopy === false ? noLocalCopyNote(m) : nothing}
      ${state.session && WITH_HEADER.has(state.phase) ? this.#header(state, m) : nothing}
      ${state.restored && state.phase !== 'done' ? restoredNote(m) : nothing}
      ${state.requestSent && REQUESTABLE.has(state.phase) ? requestSentNote(m) : nothing}
      <div class="screen">${this.#panel(state, m, consented) ?? this.#screen(state, m)}</div>
      ${footerView({ m, canRequest: REQUESTABLE.has(state.phase) && state.phase !== 'consent' && state.panel === null, canWithdraw: consented && WITHDRAWABLE.has(state.phase) && state.panel !== 'withdraw', ask })}`;
  }

  #header(state: InterviewState, m: CandidMessages): TemplateResult {
    const session = state.session!;
    return headerView({
      m,
      employer: session.employer ?? null,
      role: session.interview.title,
      summary: interviewSummary(session),
      questionNumber: ['ready', 'recording', 'review', 'finishing'].includes(state.phase) && activeQuestion(state) ? questionNumber(state) : 0,
      committed: committedCount(state),
      practicing: state.practicing && ['ready', 'recording', 'review'].includes(state.phase),
    });
  }

  #screen(state: InterviewState, m: CandidMessages): TemplateResult | typeof nothing {
    const camera = this.#camera;
    const engine = this.#capture.engine;
    return screenView({
      m,
      state,
      ask: this.#flow.handle,
      lang: this.locale || state.session?.interview.locale || 'en',
      loadHls: this.#loadHls,
      screen: (name) => this.#screens.get(name),
      devices: {
        stream: camera.stream,
        cameras: camera.cameras,
        microphones: camera.microphones,
        cameraId: camera.cameraId,
        microphoneId: camera.microphoneId,
        canFlip: camera.canFlip,
        level: this.#micLevel.level,
        peak: this.#micLevel.peak,
      },
      speech: { listening: engine?.vad.listening ?? false, heard: engine?.vad.heardSpeech ?? false, noSpeechYet: engine?.vad.noSpeechYet ?? false },
      take: { playbackUrl: engine?.take.playbackUrl ?? null, durationMs: engine?.take.durationMs ?? 0 },
    });
  }

  /**
   * The request form or the withdrawal confirmation (lazily loaded): while open it takes the place
   * of the screen, so each view has one job. Null when no panel is open.
   */
  #panel(state: InterviewState, m: CandidMessages, consented: boolean): TemplateResult | null {
    const ask = this.#flow.handle;
    if (state.panel === 'request' && REQUESTABLE.has(state.phase)) {
      return this.#screens.get('request')?.requestPanel({ m, busy: state.panelBusy, ask }) ?? null;
    }
    if (state.panel === 'withdraw' && consented && WITHDRAWABLE.has(state.phase)) {
      return this.#screens.get('withdraw')?.withdrawConfirm(m, state.panelBusy, ask) ?? null;
    }
    return null;
  }
}
