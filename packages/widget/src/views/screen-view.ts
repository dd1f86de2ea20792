import { nothing, type TemplateResult } from 'lit';
import { HELP_CODES } from '../errors.js';
import type { Ask } from '../flow/requests.js';
import type { ScreenModules, ScreenName } from '../lazy/screen-modules.js';
import type { CandidMessages } from '../lang/en.js';
import type { HlsLoader } from '../media/prompt-video.js';
import {
  activeQuestion,
  answerClock,
  committedCount,
  freeRerecord,
  interviewSummary,
  retakesLeft,
  START_CUE_SECONDS,
  thinkSecondsLeft,
  TIME_WARNING_SECONDS,
} from '../store/selectors.js';
import type { InterviewState } from '../store/state.js';
import { checkView, type CheckViewProps } from './check-view.js';
import { consentView } from './consent-view.js';
import { introView } from './intro-view.js';
import { questionView } from './question-view.js';
import { speechCheck, speechNudge } from './speech-views.js';
import { declinedView, doneView, errorView, loadingView, permissionView, resumingView } from './status-views.js';

/** What the screens read besides the store: live device facts, the local take, lazily loaded screens. */
export interface ScreenContext {
  m: CandidMessages;
  state: InterviewState;
  ask: Ask;
  lang: string;
  loadHls: HlsLoader;
  /** A lazily loaded screen module, or null while it loads. */
  screen: <K extends ScreenName>(name: K) => ScreenModules[K] | null;
  /** Live facts of the camera, microphone and level meter. */
  devices: Pick<CheckViewProps, 'stream' | 'cameras' | 'microphones' | 'cameraId' | 'microphoneId' | 'canFlip' | 'level' | 'peak'>;
  speech: { listening: boolean; heard: boolean; noSpeechYet: boolean };
  take: { playbackUrl: string | null; durationMs: number };
}

/** A lazily loaded screen that is not there yet: the loading line (rare: screens are prefetched). */
const pending = (c: ScreenContext): TemplateResult => loadingView(c.m.loading);

function reviewScreen(c: ScreenContext): TemplateResult {
  const review = c.screen('review');
  if (!review) return pending(c);
  const { state } = c;
  return review.reviewView({
    m: c.m,
    practicing: state.practicing,
    playbackUrl: c.take.playbackUrl,
    durationMs: c.take.durationMs || (state.reviewDurationMs ?? 0),
    audioOnly: state.audioOnly,
    retakesLeft: retakesLeft(state),
    interruption: state.interruption,
    freeRerecord: freeRerecord(state),
    progress: state.progress,
    ask: c.ask,
  });
}

function questionScreen(c: ScreenContext): TemplateResult {
  const { state, m } = c;
  const question = activeQuestion(state);
  const clock = answerClock(state);
  const thinkLeft = thinkSecondsLeft(state);
  return questionView({
    m,
    phase: state.phase,
    question,
    captureMode: state.captureMode,
    audioOnly: state.audioOnly,
    stream: c.devices.stream,
    elapsed: clock.elapsed,
    left: clock.left,
    limit: clock.limit,
    warning: state.phase === 'recording' && clock.left !== null && clock.left <= TIME_WARNING_SECONDS,
    canExtend: state.timer?.canExtend === true,
    cue: thinkLeft !== null && thinkLeft > 0 && thinkLeft <= START_CUE_SECONDS ? thinkLeft : null,
    thinkLeft,
    thinkSeconds: question?.thinkSeconds ?? 0,
    practicing: state.practicing,
    lang: c.lang,
    loadHls: c.loadHls,
    progress: state.progress,
    extra: speechNudge(m, state.phase === 'recording' && c.speech.noSpeechYet),
    ask: c.ask,
  });
}

/** The screen of the current phase. */
export function screenView(c: ScreenContext): TemplateResult | typeof nothing {
  const { state, m, ask } = c;
  const session = state.session;
  switch (state.phase) {
    case 'loading':
      return loadingView(m.loading);
    case 'consent': {
      const notice = c.screen('notice');
      return consentView({
        m,
        employer: session?.employer ?? null,
        role: session?.interview.title ?? '',
        summary: interviewSummary(session!),
        notice: notice ? notice.noticeView({ m, notice: session?.notice ?? null, disclosure: session?.disclosure ?? null, questions: session?.questions ?? [] }) : null,
        askAiEvaluation: session?.aiEvaluation !== false,
        busy: state.busy,
        showHint: state.consentHint,
        // The policy already takes the interview's own minimum into account (strictest wins).
        minimumAge: session?.policy?.minimumAge ?? session?.flow?.minimumAge ?? 16,
        ask,
      });
    }
    case 'declined':
      return declinedView(m);
    case 'resuming':
      return resumingView(m, state.progress);
    case 'interrupted': {
      const review = c.screen('review');
      if (!state.interrupted) return resumingView(m, null);
      if (!review) return pending(c);
      return review.interruptedView({ m, take: state.interrupted, busy: state.busy, playbackUrl: c.take.playbackUrl, audioOnly: state.audioOnly, ask });
    }
    case 'permission':
      return permissionView(m, state.audioOnly);
    case 'check':
      return checkView({
        m,
        audioOnly: state.audioOnly,
        ...c.devices,
        connection: state.connectionCheck,
        switchFailed: state.deviceSwitch === 'failed',
        busy: state.deviceSwitch === 'switching',
        extra: speechCheck(m, c.speech.listening, c.speech.heard),
        ask,
      });
    case 'intro':
      return introView({
        m,
        lang: c.lang,
        questionCount: session?.questions.length ?? 0,
        answered: committedCount(state),
        hasPractice: Boolean(session?.practiceQuestion),
        introVideoUrl: session?.flow?.introVideoUrl ?? null,
        introCaptionsUrl: session?.flow?.introCaptionsUrl ?? null,
        loadHls: c.loadHls,
        ask,
      });
    case 'ready':
    case 'recording':
    case 'finishing':
      return questionScreen(c);
    case 'review':
      return reviewScreen(c);
    case 'withdrawn': {
      const withdraw = c.screen('withdraw');
      return withdraw ? withdraw.withdrawnView(m) : pending(c);
    }
    case 'done':
      return doneView(m, session?.employer ?? null);
    case 'error': {
      if (state.error && HELP_CODES.has(state.error.code)) {
        const help = c.screen('help');
        return help ? help.helpView(m, state.error, state.audioOnly, ask) : pending(c);
      }
      return errorView(m, state.error, ask);
    }
  }
}
