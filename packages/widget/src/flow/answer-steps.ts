import { CandidError, CandidErrorCode } from '../errors.js';
import { uploadTypeOfFile } from '../media/mime.js';
import { activeQuestion, currentQuestion, freeRerecord, START_CUE_SECONDS } from '../store/selectors.js';
import type { InterruptionReason } from '../store/state.js';
import type { FlowContext } from './context.js';

/** Intro → practice question, or the interview itself (also after practising). */
export function begin(ctx: FlowContext, practice: boolean): void {
  const state = ctx.interview.store.getState();
  ctx.take.reset();
  const question = activeQuestion({ ...state, practicing: practice });
  ctx.interview.actions.begin({ practice, thinkSeconds: question?.thinkSeconds ?? 0 });
}

/** Starts recording the active question (Record, or think time over). */
export function record(ctx: FlowContext): void {
  const { actions, store } = ctx.interview;
  const state = store.getState();
  const question = activeQuestion(state);
  const stream = ctx.camera.stream;
  if (state.phase !== 'ready' || !question || !state.session || ctx.take.recording) return;
  actions.thinkDone();
  try {
    if (!stream) throw new CandidError(CandidErrorCode.CAMERA_FAILED, 'The camera is not running.', { recoverable: true });
    const limitMs = question.answerSeconds === null ? null : question.answerSeconds * 1000;
    ctx.take.start({
      stream,
      sessionId: state.session.sessionId,
      questionId: question.id,
      attempt: state.attempt,
      practicing: state.practicing,
      audioOnly: state.audioOnly,
      timesliceMs: ctx.host.timesliceMs,
      limitMs,
      onAutoStop: () => void stop(ctx),
      onInterrupt: (reason) => void stop(ctx, reason),
      onError: (error) => ctx.fail(error),
    });
    actions.recordingStarted({ limitMs, canExtend: state.session.flow?.allowTimeExtension !== false });
    ctx.announcer.resetMilestones();
    ctx.say((m) => m.announceRecordingStarted);
    ctx.screens.prefetch('review');
  } catch (err) {
    ctx.fail(err);
  }
}

/**
 * Stop (or the time limit, or an `interruption`): the take goes to review while its upload
 * finishes. A take cut short is kept whole up to the cut (the recorders flush, the upload
 * finishes); the candidate can submit it or record it again without using a retake.
 */
export async function stop(ctx: FlowContext, interruption: InterruptionReason | null = null): Promise<void> {
  const { actions, store } = ctx.interview;
  const state = store.getState();
  if (state.phase !== 'recording') return;
  try {
    const durationMs = await ctx.run.step(ctx.take.stop(state.practicing, (err) => ctx.fail(err)));
    if (durationMs === null) return; // already stopping (the button and the time limit at once)
    await ctx.run.step(ctx.screens.load('review')); // prefetched when recording started
    actions.recordingReviewed(durationMs, interruption);
    ctx.say((m) => (interruption ? m.announceInterrupted : m.announceReview));
  } catch (err) {
    ctx.fail(err);
  }
}

/** Submit the reviewed take: wait for its last bytes, then commit it as the answer. */
export async function submit(ctx: FlowContext): Promise<void> {
  if (ctx.interview.store.getState().phase !== 'review' || !ctx.interview.actions.submitted()) return;
  try {
    const take = await ctx.run.step(ctx.take.submit());
    await ctx.commitTake(take, false);
    ctx.take.reset();
    ctx.say((m) => m.announceAnswerSaved);
    await ctx.advance();
  } catch (err) {
    ctx.fail(err);
  }
}

/**
 * Record again: the reviewed take's uploads are deleted on the server and on this device. After
 * a camera or microphone was lost, they are opened again first.
 */
export async function retake(ctx: FlowContext): Promise<void> {
  const state = ctx.interview.store.getState();
  const question = activeQuestion(state);
  if (state.phase !== 'review' || !question) return;
  if (!state.practicing && !freeRerecord(state) && state.attempt >= question.maxRetakes + 1) return;
  ctx.take.discard();
  try {
    if (!streamIsLive(ctx.camera.stream)) await ctx.run.step(ctx.camera.start({ audioOnly: state.audioOnly }));
    ctx.interview.actions.retake({});
  } catch (err) {
    ctx.fail(err);
  }
}

/** Every track of the stream still delivers (none ended). */
function streamIsLive(stream: MediaStream | null): boolean {
  return !!stream && stream.getTracks().every((t) => t.readyState === 'live');
}

/** One more minute for the running answer (button, or "+" while the warning shows). */
export function extend(ctx: FlowContext): void {
  const { actions, store } = ctx.interview;
  if (!actions.extendTime()) return;
  const { timer, recordingStartedAt } = store.getState();
  ctx.take.setLimit(timer?.limitMs ?? null);
  ctx.announcer.resetMilestones();
  const left = Math.ceil(((timer?.limitMs ?? 0) - (Date.now() - (recordingStartedAt ?? Date.now()))) / 1000);
  ctx.say((m) => m.announceExtended(left));
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

/** File capture: the picked video is journaled and uploaded like a one-chunk take, then committed. */
export async function uploadFile(ctx: FlowContext, file: File): Promise<void> {
  const { actions, store } = ctx.interview;
  const state = store.getState();
  const question = currentQuestion(state);
  if (!question || !state.session) return;
  try {
    const mimeType = uploadTypeOfFile(file.type, file.name);
    if (!mimeType) throw new CandidError(CandidErrorCode.UNSUPPORTED_MEDIA_TYPE, `Cannot upload a file of type "${file.type}".`, { recoverable: true });
    if (!actions.fileChosen()) return;
    const durationMs = await ctx.run.step(fileDurationMs(file));
    ctx.upload.begin({ sessionId: state.session.sessionId, questionId: question.id, attempt: state.attempt }, [{ track: 'video', mimeType, totalBytes: file.size }]);
    ctx.upload.append('video', file);
    await ctx.upload.markSubmitted(); // picking the file was the decision: no review follows
    const take = await ctx.run.step(ctx.upload.stop({ durationMs }));
    await ctx.commitTake(take, false);
    await ctx.advance();
  } catch (err) {
    ctx.fail(err);
  }
}

/** Every few hundred ms while a countdown runs: think time ends (after the 3-2-1 cue), time milestones are announced. */
export function tick(ctx: FlowContext): void {
  const state = ctx.interview.store.getState();
  if (state.phase === 'ready' && state.thinkEndsAt !== null) {
    const left = Math.ceil((state.thinkEndsAt - Date.now()) / 1000);
    // Not in a hidden page (the candidate switched away during think time): it would be cut at once.
    if (left <= 0) {
      if (document.visibilityState !== 'hidden') record(ctx);
    }
    else if (left <= START_CUE_SECONDS) {
      const messages = ctx.i18n.messages;
      if (messages) ctx.announcer.once(`cue-${state.thinkEndsAt}`, messages.announceStartingSoon);
    }
    return;
  }
  const limitMs = state.timer?.limitMs ?? null;
  if (state.phase !== 'recording' || limitMs === null || state.recordingStartedAt === null) return;
  const left = Math.ceil((limitMs - (Date.now() - state.recordingStartedAt)) / 1000);
  const messages = ctx.i18n.messages;
  if (messages) ctx.announcer.timeLeft(left, limitMs / 1000, (s) => messages.announceTimeLeft(s));
}
