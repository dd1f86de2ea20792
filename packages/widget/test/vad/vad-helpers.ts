// Helpers shared by the VAD browser tests (not a test file itself).
import { createSession, consentOverHttp, waitFor, type TestSession } from '../support/helpers.js';

/** The built assets (rollup -c), served byte for byte by test/support/static-assets.mjs. */
export const ASSETS_BASE = '/packages/widget/dist/assets/';

export type Widget = HTMLElement & {
  store: { getState(): { phase: string } };
  updateComplete: Promise<boolean>;
};

export interface StoredAnswer {
  questionId: string;
  attempt: number;
  durationMs: number | null;
  speechSegments: Array<{ startMs: number; endMs: number }>;
  silent: boolean;
}

/** A consented session with one question (no think time), and a widget for it in the page. */
export async function consentedWidget(options: { assetsBase?: string; answerSeconds?: number } = {}): Promise<{ el: Widget; session: TestSession }> {
  const session = await createSession({
    questions: [{ id: 'q1', prompt: 'Tell us about yourself.', thinkSeconds: 0, answerSeconds: options.answerSeconds ?? 120, maxRetakes: 1 }],
  });
  await consentOverHttp(session);
  const el = document.createElement('candid-interview') as Widget;
  if (options.assetsBase !== undefined) el.setAttribute('assets-base', options.assetsBase);
  el.setAttribute('endpoint', session.endpoint);
  el.setAttribute('token', session.token);
  document.body.append(el);
  return { el, session };
}

export const part = (el: HTMLElement, name: string) => el.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;

/** Resource URLs the page has fetched so far that contain `fragment`. */
export const fetched = (fragment: string, win: Window = window) =>
  win.performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes(fragment));

export async function waitForSpeechCheck(el: HTMLElement, heard: 'yes' | 'no', timeoutMs = 20000): Promise<HTMLElement> {
  return waitFor(() => {
    const p = part(el, 'speech-check');
    return p?.dataset.heard === heard ? p : null;
  }, `speech check data-heard=${heard}`, timeoutMs);
}
