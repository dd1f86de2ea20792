import type { DeviceChoice } from '../controllers/camera-controller.js';
import type { Panel } from '../store/state.js';

/**
 * What a screen can ask for. Views never act: they call `ask(request)`, and one place (the flow's
 * request map, `InterviewFlow.handle`) decides what happens, from the current state. Requests that
 * do not fit the current phase are ignored there.
 */
export type UiRequest =
  /** "I agree" (`accepted`) or "Decline" on the consent form. */
  | { type: 'consent'; accepted: boolean; form: HTMLFormElement }
  | { type: 'select-device'; choice: DeviceChoice }
  /** Front ⇄ back camera on phones. */
  | { type: 'flip-camera' }
  /** Device check done. */
  | { type: 'continue' }
  /** Intro: the practice question, or the interview. */
  | { type: 'begin'; practice: boolean }
  /** Record now (also ends think time early). */
  | { type: 'record' }
  | { type: 'stop' }
  /** One more minute for the running answer. */
  | { type: 'extend' }
  | { type: 'submit' }
  | { type: 'retake' }
  /** An interrupted (or unsubmitted) take from an earlier visit: keep it, or record again. */
  | { type: 'keep' }
  | { type: 'record-again' }
  /** File capture (no MediaRecorder): the picked video. */
  | { type: 'file'; file: File }
  | { type: 'retry' }
  | { type: 'open-panel'; panel: Panel }
  | { type: 'close-panel' }
  | { type: 'send-request'; form: HTMLFormElement }
  /** Withdrawal confirmed. */
  | { type: 'withdraw' };

export type UiRequestType = UiRequest['type'];

/** How views ask. */
export type Ask = (request: UiRequest) => void;

/** The request map: one handler per request type. */
export type RequestMap = { [K in UiRequestType]: (request: Extract<UiRequest, { type: K }>) => void | Promise<void> };
