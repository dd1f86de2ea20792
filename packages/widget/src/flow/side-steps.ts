import type { ConsentChoices } from '../api/types.js';
import { CandidEvents } from '../constants.js';
import type { DeviceChoice } from '../controllers/camera-controller.js';
import { toCandidError } from '../errors.js';
import { emit } from '../events.js';
import type { Panel } from '../store/state.js';
import type { FlowContext } from './context.js';

const checked = (form: HTMLFormElement, name: string): boolean => (form.elements.namedItem(name) as HTMLInputElement | null)?.checked === true;

/** "I agree" (with the required boxes ticked) or "Decline": stored by the server, then on to the camera. */
export async function submitConsent(ctx: FlowContext, accepted: boolean, form: HTMLFormElement): Promise<void> {
  const { actions, store } = ctx.interview;
  const choices: ConsentChoices = accepted
    ? { recording: checked(form, 'recording'), aiEvaluation: checked(form, 'aiEvaluation'), productImprovement: checked(form, 'productImprovement') }
    : { recording: false, aiEvaluation: false, productImprovement: false };
  const ageConfirmed = checked(form, 'ageConfirmed');
  if (accepted && !(choices.recording && ageConfirmed)) {
    actions.consentHint(true);
    return;
  }
  actions.consentHint(false);
  const noticeVersion = store.getState().session?.notice?.version ?? null;
  if (!actions.consentSubmitting()) return;
  try {
    const res = await ctx.run.step(ctx.api.postConsent({ noticeVersion, choices, ageConfirmed, locale: ctx.i18n.shown }));
    if (accepted) actions.consentGiven(choices);
    else actions.consentDeclined(choices);
    emit(ctx.host, CandidEvents.consent, { accepted, choices, ageConfirmed, noticeVersion, status: res.status });
    if (accepted) ctx.screens.prefetch('withdraw', 'help');
    await ctx.advance();
  } catch (err) {
    ctx.fail(err);
  }
}

/** Switches camera or microphone in the device check; a device that fails leaves the previous one running. */
export async function selectDevice(ctx: FlowContext, choice: DeviceChoice): Promise<void> {
  const { actions } = ctx.interview;
  actions.deviceSwitch('switching');
  try {
    await ctx.camera.select(choice);
    actions.deviceSwitch('idle');
  } catch {
    actions.deviceSwitch('failed');
  }
}

export function flipCamera(ctx: FlowContext): Promise<void> {
  return selectDevice(ctx, { facingMode: ctx.camera.facingMode === 'user' ? 'environment' : 'user' });
}

/** Opens a panel, its screen loaded first (already prefetched on a normal link), focus on its title. */
export async function openPanel(ctx: FlowContext, panel: Panel): Promise<void> {
  await ctx.screens.load(panel);
  ctx.interview.actions.panelOpened(panel);
  await ctx.host.updateComplete;
  ctx.host.shadowRoot?.querySelector<HTMLElement>(panel === 'request' ? '#request-title' : '#withdraw-title')?.focus();
}

/** Sends the candidate's request to the employer. A failure is announced; the form stays. */
export async function sendRequest(ctx: FlowContext, form: HTMLFormElement): Promise<void> {
  const { actions } = ctx.interview;
  const type = (form.elements.namedItem('type') as HTMLSelectElement | null)?.value ?? 'accommodation';
  const message = (form.elements.namedItem('message') as HTMLTextAreaElement | null)?.value.trim() ?? '';
  actions.panelBusy(true);
  try {
    const { request } = await ctx.run.step(ctx.api.sendRequest({ type, ...(message ? { message } : {}) }));
    actions.requestSent();
    emit(ctx.host, CandidEvents.request, { requestId: request.id, type: request.type });
    ctx.say((m) => m.requestSent);
  } catch (err) {
    actions.panelBusy(false);
    const error = toCandidError(err);
    if (error.code === 'ABORTED') return;
    ctx.say((m) => m.errors[error.code] ?? error.message);
    emit(ctx.host, CandidEvents.error, error.toJSON());
  }
}

/** Withdrawal confirmed: recording stops, the server is told, and nothing of the session stays on this device. */
export async function withdraw(ctx: FlowContext, sessionId: string | null): Promise<void> {
  const { actions } = ctx.interview;
  actions.panelBusy(true);
  try {
    const engine = ctx.capture.engine;
    engine?.take.cancel();
    engine?.upload.cancel();
    await ctx.run.step(ctx.api.withdrawConsent());
    if (sessionId) await ctx.capture.load().then((loaded) => loaded.upload.forgetSession(sessionId)).catch(() => {});
    ctx.camera.stop();
    engine?.take.reset();
    await ctx.screens.load('withdraw'); // already here: the confirmation came from it
    actions.withdrew();
    if (sessionId) emit(ctx.host, CandidEvents.withdrawn, { sessionId });
  } catch (err) {
    ctx.fail(err);
  }
}
