import { expect } from '@esm-bundle/chai';
import type { SessionInfo } from '../src/api/types.js';
import {
  canTransition,
  committedCount,
  createInterviewStore,
  currentQuestion,
  overallProgress,
  type Phase,
} from '../src/store/interview-store.js';

const question = (id: string) => ({ id, prompt: `Prompt ${id}`, thinkSeconds: 5, answerSeconds: 30, maxRetakes: 1 });

function session(overrides: Partial<SessionInfo> = {}): SessionInfo {
  return {
    sessionId: 'ses_1',
    status: 'invited',
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    interview: { id: 'int_1', title: 'Test', locale: 'en' },
    notice: null,
    questions: [question('q1'), question('q2')],
    answers: [],
    consent: null,
    ...overrides,
  };
}

const choices = { recording: true, aiEvaluation: false, productImprovement: false };
const error = (recoverable: boolean) => ({ code: 'NETWORK_ERROR', message: 'offline', recoverable });

describe('interview store', () => {
  it('walks the happy path through every phase, in order', () => {
    const { store, actions } = createInterviewStore();
    const phases: Phase[] = [store.getState().phase];
    store.subscribe((state, prev) => {
      if (state.phase !== prev.phase) phases.push(state.phase);
    });

    expect(actions.sessionLoaded(session())).to.equal(true);
    expect(actions.consentSubmitting()).to.equal(true);
    expect(store.getState().busy).to.equal(true);
    expect(actions.consentGiven(choices)).to.equal(true);
    expect(store.getState().busy).to.equal(false);
    expect(actions.cameraReady()).to.equal(true);
    expect(store.getState().phase).to.equal('check');
    expect(actions.recordingStarted()).to.equal(false); // not before the device check is done
    expect(actions.checkDone()).to.equal(true);
    expect(store.getState().phase).to.equal('intro');
    expect(actions.begin({ practice: false, thinkSeconds: 0 })).to.equal(true);
    expect(currentQuestion(store.getState())?.id).to.equal('q1');

    expect(actions.recordingStarted({ now: 1000, limitMs: 30_000, canExtend: true })).to.equal(true);
    expect(store.getState().progress).to.deep.equal({ questionId: 'q1', attempt: 1, bytesSent: 0, bytesRecorded: 0 });
    actions.progressed({ questionId: 'q1', bytesSent: 10, bytesRecorded: 20 });
    expect(store.getState().progress?.bytesRecorded).to.equal(20);
    expect(actions.recordingReviewed(2500)).to.equal(true);
    expect(store.getState()).to.include({ phase: 'review', reviewDurationMs: 2500 });
    expect(actions.submitted()).to.equal(true);
    expect(actions.answerCommitted('q1')).to.equal(true);
    expect(currentQuestion(store.getState())?.id).to.equal('q2');

    expect(actions.recordingStarted()).to.equal(true);
    expect(actions.recordingReviewed(1000)).to.equal(true);
    expect(actions.submitted()).to.equal(true);
    expect(actions.answerCommitted('q2')).to.equal(true);
    expect(store.getState().phase).to.equal('finishing'); // completing the session
    expect(actions.completed()).to.equal(true);

    expect(phases).to.deep.equal([
      'loading', 'consent', 'permission', 'check', 'intro', 'ready', 'recording', 'review', 'finishing', 'ready', 'recording', 'review', 'finishing', 'done',
    ]);
  });

  it('time extensions: +60 s each, at most ten, only with a limit and when allowed', () => {
    const { store, actions } = createInterviewStore();
    actions.sessionLoaded(session());
    actions.consentSubmitting();
    actions.consentGiven(choices);
    actions.cameraReady();
    actions.checkDone();
    actions.begin({ practice: false, thinkSeconds: 0 });
    actions.recordingStarted({ limitMs: 30_000, canExtend: true });
    for (let i = 0; i < 10; i++) expect(actions.extendTime(), `extension ${i + 1}`).to.equal(true);
    expect(actions.extendTime(), 'an eleventh').to.equal(false);
    expect(store.getState().timer).to.deep.equal({ limitMs: 30_000 + 10 * 60_000, extensions: 10, canExtend: false });
    actions.recordingReviewed(1000);
    actions.retake({});
    expect(store.getState()).to.include({ phase: 'ready', attempt: 2 });
    actions.recordingStarted({ limitMs: null, canExtend: true });
    expect(store.getState().timer).to.deep.equal({ limitMs: null, extensions: 0, canExtend: false });
    expect(actions.extendTime(), 'no limit: nothing to extend').to.equal(false);
    actions.recordingReviewed(1000);
    actions.retake({});
    actions.recordingStarted({ limitMs: 30_000, canExtend: false });
    expect(actions.extendTime(), 'the interview forbids extensions').to.equal(false);
  });

  it('practice takes are never submitted; withdrawal ends the interview from any screen', () => {
    const { store, actions } = createInterviewStore();
    actions.sessionLoaded(session());
    actions.consentSubmitting();
    actions.consentGiven(choices);
    actions.cameraReady();
    actions.checkDone();
    expect(actions.begin({ practice: true, thinkSeconds: 5, now: 0 })).to.equal(true);
    expect(store.getState()).to.include({ practicing: true, thinkEndsAt: 5000 });
    expect(actions.recordingStarted()).to.equal(true);
    expect(store.getState().progress, 'practice is not uploaded').to.equal(null);
    actions.recordingReviewed(1000);
    expect(actions.submitted(), 'a practice take cannot be submitted').to.equal(false);
    expect(actions.begin({ practice: false, thinkSeconds: 0 })).to.equal(true);
    expect(store.getState()).to.include({ practicing: false, phase: 'ready', attempt: 1 });
    expect(actions.withdrew()).to.equal(true);
    expect(store.getState().phase).to.equal('withdrawn');
    expect(actions.retry()).to.equal(false);
  });

  it('refuses transitions that are not in the table and leaves the state untouched', () => {
    const { store, actions } = createInterviewStore();
    actions.sessionLoaded(session());
    const before = store.getState();
    expect(actions.recordingStarted()).to.equal(false);
    expect(actions.cameraReady()).to.equal(false);
    expect(actions.completed()).to.equal(false);
    expect(actions.answerCommitted('q1')).to.equal(false);
    expect(actions.retry()).to.equal(false);
    expect(store.getState()).to.equal(before);
    expect(canTransition('consent', 'recording')).to.equal(false);
    expect(canTransition('done', 'error')).to.equal(false);
  });

  it('stops a double "stop" (button + time limit) and ignores progress of other questions', () => {
    const { store, actions } = createInterviewStore();
    actions.sessionLoaded(session({ status: 'consented' }));
    actions.cameraReady();
    actions.checkDone();
    actions.begin({ practice: false, thinkSeconds: 0 });
    actions.recordingStarted();
    expect(actions.recordingReviewed(1000)).to.equal(true);
    expect(actions.recordingReviewed(1000)).to.equal(false);
    actions.progressed({ questionId: 'q2', bytesSent: 99, bytesRecorded: 99 });
    expect(store.getState().progress?.questionId).to.equal('q1');
    expect(store.getState().progress?.bytesSent).to.equal(0);
  });

  it('resumes: skips committed answers and goes straight to the camera when consented', () => {
    const { store, actions } = createInterviewStore();
    actions.sessionLoaded(
      session({ status: 'in_progress', answers: [{ questionId: 'q1', attempt: 1, status: 'committed' }] }),
    );
    expect(store.getState().phase).to.equal('permission');
    expect(store.getState().pending).to.deep.equal(['q2']);
  });

  it('routes completed sessions to done, and fully answered ones to finishing', () => {
    const a = createInterviewStore();
    a.actions.sessionLoaded(session({ status: 'completed' }));
    expect(a.store.getState().phase).to.equal('done');

    const b = createInterviewStore();
    b.actions.sessionLoaded(
      session({
        status: 'in_progress',
        answers: [
          { questionId: 'q1', attempt: 1, status: 'committed' },
          { questionId: 'q2', attempt: 1, status: 'committed' },
        ],
      }),
    );
    expect(b.store.getState().phase).to.equal('finishing');
    expect(b.actions.completed()).to.equal(true);
  });

  it('declining ends in declined; errors are reachable from anywhere but done', () => {
    const { store, actions } = createInterviewStore();
    actions.sessionLoaded(session());
    expect(actions.consentDeclined({ recording: false, aiEvaluation: false, productImprovement: false })).to.equal(true);
    expect(store.getState().phase).to.equal('declined');
    expect(actions.failed(error(true))).to.equal(true);
    expect(store.getState().error).to.deep.equal(error(true));
  });

  it('retries only recoverable errors, back to loading', () => {
    const { store, actions } = createInterviewStore();
    actions.failed(error(false));
    expect(actions.retry()).to.equal(false);
    expect(store.getState().phase).to.equal('error');

    const other = createInterviewStore();
    other.actions.failed(error(true));
    expect(other.actions.retry()).to.equal(true);
    expect(other.store.getState().phase).to.equal('loading');
    expect(other.store.getState().error).to.equal(null);
  });

  it('exposes a read-only store (no setState)', () => {
    const { store } = createInterviewStore();
    expect(Object.keys(store).sort()).to.deep.equal(['getInitialState', 'getState', 'subscribe']);
    expect((store as unknown as { setState?: unknown }).setState).to.equal(undefined);
  });

  it('recovery: stopped takes are committed while resuming, an interrupted one asks keep or retake', () => {
    const { store, actions } = createInterviewStore();
    actions.sessionLoaded(session({ status: 'in_progress' }), { recovering: true });
    expect(store.getState().phase).to.equal('resuming');
    actions.progressed({ questionId: 'q1', attempt: 1, bytesSent: 5, bytesRecorded: 10 });
    expect(store.getState().progress?.bytesSent).to.equal(5);
    expect(overallProgress(store.getState())).to.be.closeTo(0.5 * 0.5 * 0.99, 1e-9);
    expect(actions.answerCommitted('q1')).to.equal(true); // committed from the journal
    expect(store.getState().phase).to.equal('resuming');
    expect(committedCount(store.getState())).to.equal(1);
    expect(actions.takeInterrupted({ questionId: 'q2', attempt: 1, durationMs: 4000, canRetake: true })).to.equal(true);
    expect(store.getState().phase).to.equal('interrupted');
    expect(actions.interruptionResolved('retake')).to.equal(true);
    expect(store.getState()).to.include({ phase: 'permission', attempt: 2, interrupted: null });
  });

  it('keeping an interrupted take goes back to resuming; without retakes left only keep is possible', () => {
    const { store, actions } = createInterviewStore();
    actions.sessionLoaded(session({ status: 'in_progress' }), { recovering: true });
    actions.takeInterrupted({ questionId: 'q1', attempt: 2, durationMs: 4000, canRetake: false });
    expect(actions.interruptionResolved('retake')).to.equal(false);
    expect(actions.interruptionResolved('keep')).to.equal(true);
    expect(store.getState()).to.include({ phase: 'resuming', busy: true });
    actions.answerCommitted('q1');
    expect(actions.recovered()).to.equal(true);
    expect(store.getState()).to.include({ phase: 'permission', attempt: 1 });
  });

  it('file capture (no MediaRecorder) skips the camera and the device check', () => {
    const { store, actions } = createInterviewStore();
    actions.sessionLoaded(session({ status: 'consented' }));
    expect(actions.fileCaptureReady()).to.equal(true);
    expect(store.getState()).to.include({ phase: 'ready', captureMode: 'file' });
    expect(actions.fileChosen()).to.equal(true);
    expect(store.getState().phase).to.equal('finishing');
  });

  it('tracks online/offline and reconnecting, and audio-only sessions', () => {
    const { store, actions } = createInterviewStore();
    actions.sessionLoaded(session({ status: 'consented', accommodations: { timeMultiplier: 1, noTimeLimit: false, extraRetakes: 0, audioOnly: true } }));
    expect(store.getState().audioOnly).to.equal(true);
    actions.network({ online: false });
    expect(store.getState()).to.include({ online: false, reconnecting: false });
    actions.network({ online: true, reconnecting: true });
    expect(store.getState()).to.include({ online: true, reconnecting: true });
  });
});
