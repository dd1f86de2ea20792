import type { JournaledTake, Take } from '../controllers/upload-controller.js';
import type { FlowContext } from './context.js';

/**
 * What an earlier visit left in the journal, per run: the takes still to finish, and the one
 * waiting for the candidate's "keep" or "record again".
 */
export interface RecoveryState {
  journaled: JournaledTake[];
  interrupted: Take | null;
}

/**
 * Finishes what the journal holds: each take is uploaded from the server's offset; submitted takes
 * are committed; a take cut mid-recording, or stopped but still under review, waits for the
 * candidate (keep or submit / record again), who can watch it first.
 */
export async function recover(ctx: FlowContext, recovery: RecoveryState): Promise<void> {
  const { actions, store } = ctx.interview;
  let attempt = 1;
  try {
    for (let journaled = recovery.journaled.shift(); journaled; journaled = recovery.journaled.shift()) {
      const take = await ctx.run.step(ctx.upload.resume(journaled));
      if (take.bytesRecorded === 0) {
        // Recording had only just started: nothing to keep; the same attempt is used again.
        await ctx.upload.drop(take, { terminate: true });
        if (journaled.questionId === store.getState().pending[0]) attempt = journaled.attempt;
        continue;
      }
      if (take.interrupted || !take.submitted) {
        const question = store.getState().session?.questions.find((q) => q.id === take.questionId);
        const [playback] = await ctx.run.step(Promise.all([ctx.upload.journaledPlayback(take), ctx.screens.load('review')]));
        ctx.take.show(playback, take.durationMs ?? 0);
        recovery.interrupted = take;
        actions.takeInterrupted({
          questionId: take.questionId,
          attempt: take.attempt,
          durationMs: take.durationMs ?? 0,
          canRetake: take.attempt < (question?.maxRetakes ?? 0) + 1,
          unsubmitted: !take.interrupted,
        });
        return;
      }
      await ctx.commitTake(take, true);
    }
    actions.recovered(attempt);
    await ctx.advance();
  } catch (err) {
    ctx.fail(err);
  }
}

/** The candidate keeps the interrupted take (or submits the unsubmitted one): committed, then recovery goes on. */
export async function keepInterrupted(ctx: FlowContext, recovery: RecoveryState): Promise<void> {
  const take = recovery.interrupted;
  if (!take || !ctx.interview.actions.interruptionResolved('keep')) return;
  recovery.interrupted = null;
  ctx.take.reset();
  try {
    await ctx.run.step(ctx.upload.markSubmitted());
    await ctx.commitTake(take, true);
    await recover(ctx, recovery);
  } catch (err) {
    ctx.fail(err);
  }
}

/** The candidate records the question again: the interrupted take's journal copy goes (its bytes stay on the server until replaced). */
export function recordAgain(ctx: FlowContext, recovery: RecoveryState): void {
  const take = recovery.interrupted;
  if (!take || !ctx.interview.actions.interruptionResolved('retake')) return;
  recovery.interrupted = null;
  recovery.journaled = [];
  ctx.take.reset();
  void ctx.upload.drop(take).catch(() => {});
  void ctx.advance();
}
