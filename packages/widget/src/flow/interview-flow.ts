import type { ReactiveController } from 'lit';
import { CandidApi } from '../api/candid-api.js';
import { AUDIO_BITS_PER_SECOND, CandidEvents, PROBE_BYTES, SPEECH_BITS_PER_SECOND, VIDEO_BITS_PER_SECOND } from '../constants.js';
import type { CaptureEngine } from '../capture/capture-engine.js';
import type { Take, TakeProgress } from '../controllers/upload-controller.js';
import { CandidError, CandidErrorCode, toCandidError } from '../errors.js';
import { emit } from '../events.js';
import { whenIdle } from '../internal/when-idle.js';
import { committedCount, hasRecordingConsent, overallProgress, timeWarningShown } from '../store/selectors.js';
import * as answer from './answer-steps.js';
import type { FlowContext, FlowHost, FlowParts } from './context.js';
import { FlowRun } from './flow-run.js';
import { keepInterrupted, recordAgain, recover, type RecoveryState } from './recovery-steps.js';
import type { RequestMap, UiRequest } from './requests.js';
import * as side from './side-steps.js';

/** Server answers after which nothing of this session may stay on the device. */
const SESSION_GONE = new Set(['SESSION_WITHDRAWN', 'SESSION_ERASED', 'SESSION_EXPIRED', 'SESSION_NOT_FOUND']);

/** The session id (`sub`) of a widget token, read without verifying it (only to find the journal). */
function sessionIdOfToken(token: string): string | null {
  try {
    const payload = token.split('.')[1] ?? '';
    const sub = (JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: unknown }).sub;
    return typeof sub === 'string' ? sub : null;
  } catch {
    return null;
  }
}

/**
 * The interview flow: the one place that acts. Views ask (`handle(request)`, through the request
 * map below); the flow checks the state, drives the controllers and moves the store. Each token
 * (or "Try again") starts a new `FlowRun`; its end cancels everything the old run was waiting for.
 */
export class InterviewFlow implements ReactiveController {
  readonly #host: FlowHost;
  readonly #parts: FlowParts;
  /** Active from the start, so a failure before any token (missing attributes) is still reported. */
  #run: FlowRun = new FlowRun();
  #api: CandidApi | null = null;
  #startedFor: string | null = null;
  #recovery: RecoveryState = { journaled: [], interrupted: null };

  constructor(host: FlowHost, parts: FlowParts) {
    this.#host = host;
    this.#parts = parts;
    host.addController(this);
  }

  /** The API client of the current session (null before a token). */
  get api(): CandidApi | null {
    return this.#api;
  }

  /** Starts (or restarts) for the element's token and endpoint; nothing if they did not change. */
  start(): void {
    const { token, endpoint } = this.#host;
    if (!this.#host.isConnected || !token || !endpoint) return;
    const key = `${endpoint}\n${token}`;
    if (key === this.#startedFor) return;
    this.#startedFor = key;
    const { capture, camera, interview } = this.#parts;
    this.#newRun();
    const engine = capture.engine;
    engine?.take.cancel();
    engine?.upload.cancel();
    engine?.take.reset();
    camera.stop();
    interview.actions.reset();
    this.#api = new CandidApi({ endpoint, token });
    void this.#load();
  }

  /** The request map: what each request from a view does. */
  readonly #requests: RequestMap = {
    consent: (r) => side.submitConsent(this.#ctx(), r.accepted, r.form),
    'select-device': (r) => side.selectDevice(this.#ctx(), r.choice),
    'flip-camera': () => side.flipCamera(this.#ctx()),
    continue: () => {
      this.#parts.micLevel.resume();
      this.#parts.capture.engine?.vad.resume();
      this.#parts.interview.actions.checkDone();
    },
    begin: (r) => answer.begin(this.#ctx(), r.practice),
    record: () => answer.record(this.#ctx()),
    stop: () => answer.stop(this.#ctx()),
    extend: () => answer.extend(this.#ctx()),
    submit: () => answer.submit(this.#ctx()),
    retake: () => answer.retake(this.#ctx()),
    keep: () => keepInterrupted(this.#ctx(), this.#recovery),
    'record-again': () => recordAgain(this.#ctx(), this.#recovery),
    file: (r) => answer.uploadFile(this.#ctx(), r.file),
    retry: () => this.#retry(),
    'open-panel': (r) => side.openPanel(this.#ctx(), r.panel),
    'close-panel': () => {
      this.#parts.interview.actions.panelOpened(null);
      void this.#host.updateComplete.then(() => this.#parts.announcer.focusScreen());
    },
    'send-request': (r) => side.sendRequest(this.#ctx(), r.form),
    withdraw: () => side.withdraw(this.#ctx(), this.#sessionId()),
  };

  /** Views call this (as `ask`). */
  readonly handle = (request: UiRequest): void => {
    if (!this.#api && request.type !== 'retry') return;
    this.#parts.interview.actions.restoreNoted();
    void (this.#requests[request.type] as (r: UiRequest) => void | Promise<void>)(request);
  };

  /** "+" while the time warning shows (WCAG 2.2.1 / 2.1.4). */
  onKeydown = (event: KeyboardEvent): void => {
    if ((event.key === '+' || event.key === 'Add') && timeWarningShown(this.#parts.interview.store.getState())) {
      event.preventDefault();
      this.handle({ type: 'extend' });
    }
  };

  /** Called while a countdown runs. */
  tick(): void {
    if (this.#api) answer.tick(this.#ctx());
  }

  /** Recorded bytes the server does not have yet (or a recording running): leaving would need the journal. */
  hasUnsentBytes(): boolean {
    const phase = this.#parts.interview.store.getState().phase;
    const unsent = this.#parts.capture.engine?.upload.unsentBytes ?? 0;
    return phase === 'recording' || ((phase === 'review' || phase === 'finishing' || phase === 'resuming' || phase === 'error') && unsent > 0);
  }

  /** Upload progress of the current take (from the upload controller). */
  progressed(progress: TakeProgress): void {
    this.#parts.interview.actions.progressed(progress);
    this.#emitProgress(progress);
  }

  /** Reports a failure of the current run. */
  fail(err: unknown, run: FlowRun = this.#run): void {
    if (!run.active) return;
    const error = toCandidError(err);
    if (error.code === CandidErrorCode.ABORTED) return;
    const { capture, camera, interview } = this.#parts;
    capture.engine?.take.cancel(); // the recorders' last chunks still reach the journal
    capture.engine?.upload.cancel(); // the journal keeps the take: "Try again" (or the next visit) recovers it
    if (!error.recoverable) camera.stop();
    const sessionId = this.#sessionId();
    if (SESSION_GONE.has(error.code) && sessionId) void capture.load().then((engine) => engine.upload.forgetSession(sessionId)).catch(() => {});
    // A refused token (expired, invalid) may be the session's end or only the link's: opening the
    // journal deletes what it holds of expired sessions (their expiry was journaled), keeps the rest.
    else if (error.code.startsWith('SESSION_')) void this.#prepareCapture().catch(() => {});
    if (!interview.actions.failed(error.toJSON())) return;
    emit(this.#host, CandidEvents.error, error.toJSON());
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#run.end();
    this.#startedFor = null;
  }

  #newRun(): FlowRun {
    this.#run.end();
    this.#run = new FlowRun();
    this.#recovery = { journaled: [], interrupted: null };
    return this.#run;
  }

  #sessionId(): string | null {
    return this.#parts.interview.store.getState().session?.sessionId ?? sessionIdOfToken(this.#host.token);
  }

  /** The context of the current run, for the step modules. */
  #ctx(): FlowContext {
    const run = this.#run;
    const capture = this.#parts.capture;
    return {
      ...this.#parts,
      get upload() {
        return capture.required.upload;
      },
      get take() {
        return capture.required.take;
      },
      get vad() {
        return capture.required.vad;
      },
      host: this.#host,
      run,
      api: this.#api!,
      fail: (err) => this.fail(err, run),
      advance: () => this.#advance(run),
      commitTake: (take, recovered) => this.#commitTake(run, take, recovered),
      say: (text) => {
        const messages = this.#parts.i18n.messages;
        if (messages) this.#parts.announcer.announce(text(messages));
      },
    };
  }

  async #load(): Promise<void> {
    const run = this.#run;
    const { interview, i18n, capture, screens } = this.#parts;
    try {
      screens.prefetch('notice');
      const session = await run.step(this.#api!.getSession(run.signal));
      // Without a `locale` attribute the interview's language applies; its catalog loads meanwhile.
      const catalog = i18n.interviewLocale(session.interview.locale);
      if (hasRecordingConsent(session)) {
        // Only a session with consent can have recordings on this device to finish first.
        const { upload } = await run.step(this.#prepareCapture(session));
        this.#recovery.journaled = await run.step(upload.journaledTakes(session));
      } else {
        // Needed after consent: fetched while the candidate reads, once the first screen is drawn
        // (on a slow phone, parsing it earlier would delay that screen).
        void this.#host.updateComplete.then(() => whenIdle(() => void this.#prepareCapture(session).catch(() => {})));
      }
      if (!(await run.step(catalog))) {
        throw new CandidError(CandidErrorCode.ASSETS_UNAVAILABLE, 'The widget texts could not be loaded from assets-base.', { recoverable: true });
      }
      // The consent screen never shows without its notice: its renderer was fetched with the session.
      await run.step(screens.load('notice'));
      interview.actions.sessionLoaded(session, { recovering: this.#recovery.journaled.length > 0 });
      const state = interview.store.getState();
      emit(this.#host, CandidEvents.ready, {
        sessionId: session.sessionId,
        status: session.status,
        questionCount: session.questions.length,
        remainingCount: state.pending.length,
      });
      if (state.phase === 'consent') void this.#host.updateComplete.then(() => whenIdle(() => screens.prefetch('request')));
      await this.#advance(run);
    } catch (err) {
      this.fail(err, run);
    }
  }

  /** Starts the side effect the current phase needs (recovery, camera, connection check, completion). */
  async #advance(run: FlowRun): Promise<void> {
    if (!run.active) return;
    const state = this.#parts.interview.store.getState();
    if (state.phase === 'resuming') await recover(this.#ctx(), this.#recovery);
    else if (state.phase === 'permission') await this.#openCamera(run);
    else if (state.phase === 'check') await this.#checkConnection(run);
    else if (state.phase === 'finishing' && state.pending.length === 0) await this.#complete(run);
    else if (state.phase === 'done') this.#parts.camera.stop();
  }

  /** The capture engine, loaded, with its journal open (and the session's expiry known to it). */
  async #prepareCapture(session = this.#parts.interview.store.getState().session): Promise<CaptureEngine> {
    const engine = await this.#parts.capture.load();
    await engine.upload.prepare(session);
    return engine;
  }

  async #openCamera(run: FlowRun): Promise<void> {
    const { interview, camera } = this.#parts;
    try {
      // The engine and journal, the help screen (what a refused permission shows) and the camera
      // start together; the camera's answer counts once the other two are there.
      const recorder = 'MediaRecorder' in globalThis;
      const stream = recorder ? camera.start({ audioOnly: interview.store.getState().audioOnly }) : null;
      stream?.catch(() => {});
      await run.step(Promise.all([this.#prepareCapture(), this.#parts.screens.load('help')]));
      if (!stream) {
        // No MediaRecorder (old browsers): answers are recorded with the camera app and uploaded.
        interview.actions.fileCaptureReady();
        return;
      }
      await run.step(stream);
      interview.actions.cameraReady();
      await this.#advance(run);
    } catch (err) {
      this.fail(err, run);
    }
  }

  /** Uploads a probe and compares the measured rate with what the recording needs. */
  async #checkConnection(run: FlowRun): Promise<void> {
    const { actions, store } = this.#parts.interview;
    const required = store.getState().audioOnly ? AUDIO_BITS_PER_SECOND : VIDEO_BITS_PER_SECOND + AUDIO_BITS_PER_SECOND + SPEECH_BITS_PER_SECOND;
    actions.connectionChecked({ status: 'checking', bitsPerSecond: null, requiredBitsPerSecond: required });
    const probe = new AbortController();
    const timer = setTimeout(() => probe.abort(), 10_000);
    const endWithRun = () => probe.abort();
    run.signal.addEventListener('abort', endWithRun);
    const started = performance.now();
    try {
      const bitsPerSecond = await run.step(this.#api!.measureUploadRate(PROBE_BYTES, probe.signal));
      actions.connectionChecked({ status: 'done', bitsPerSecond, requiredBitsPerSecond: required });
    } catch {
      if (!run.active) return;
      // Timed out: the rate is at most the probe over the elapsed time, which is "slow".
      const timedOut = probe.signal.aborted;
      const bitsPerSecond = timedOut ? (PROBE_BYTES * 8) / ((performance.now() - started) / 1000) : null;
      actions.connectionChecked({ status: timedOut ? 'done' : 'failed', bitsPerSecond, requiredBitsPerSecond: required });
    } finally {
      clearTimeout(timer);
      run.signal.removeEventListener('abort', endWithRun);
    }
  }

  /** Commits a finished take, announces it, and moves past its question. */
  async #commitTake(run: FlowRun, take: Take, recovered: boolean): Promise<void> {
    const { answer: committed } = (await run.step(this.#parts.capture.required.upload.commit(take))).response;
    const main = take.uploads.find((u) => u.track === 'video') ?? take.uploads[0];
    emit(this.#host, CandidEvents.answer, {
      questionId: take.questionId,
      answerId: committed.id,
      attempt: take.attempt,
      durationMs: take.durationMs ?? 0,
      mimeType: main?.record.mimeType ?? '',
      bytesRecorded: take.bytesRecorded,
      bytesSent: take.bytesSent,
      recovered,
      media: committed.media,
    });
    this.#parts.interview.actions.answerCommitted(take.questionId);
    this.#emitProgress({ questionId: take.questionId, attempt: take.attempt, bytesSent: take.bytesSent, bytesRecorded: take.bytesRecorded });
  }

  async #complete(run: FlowRun): Promise<void> {
    try {
      await run.step(this.#api!.complete(run.signal));
      this.#parts.interview.actions.completed();
      this.#parts.camera.stop();
      emit(this.#host, CandidEvents.complete, { sessionId: this.#parts.interview.store.getState().session?.sessionId ?? '' });
    } catch (err) {
      this.fail(err, run);
    }
  }

  #retry(): void {
    this.#parts.screens.resetFailures();
    this.#parts.i18n.retryFailed();
    if (!this.#parts.interview.actions.retry()) return;
    this.#newRun();
    void this.#load();
  }

  #emitProgress(progress: TakeProgress): void {
    const state = this.#parts.interview.store.getState();
    emit(this.#host, CandidEvents.progress, {
      ...progress,
      answersCommitted: committedCount(state),
      questionCount: state.session?.questions.length ?? 0,
      overall: overallProgress(state),
    });
  }
}
