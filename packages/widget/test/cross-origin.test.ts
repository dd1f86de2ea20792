// The script-tag bundle on a plain careers page (no modules, no inline script, no test harness)
// served from another origin than the Candid server, embedded in this page as a cross-origin
// iframe, as an ATS would: consent → device check → record → submit → complete, over CORS.
// This page can't script the frame, so cross-origin-plugin.mjs drives the widget through
// puppeteer, and the careers page's own script reports the widget's events with postMessage.
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { createSession, driveOneAnswer, storedSession, waitFor, warmUpServer } from './support/helpers.js';

interface PageMessage {
  type: string;
  detail: Record<string, unknown> | null;
  pageOrigin?: string;
}
interface SeenRequest {
  method: string;
  path: string;
  bearer: boolean;
  status: number;
  /** PATCH only: its Upload-Offset, Content-Length, body bytes that reached the server, answered offset. */
  offset?: number;
  declared?: number;
  received?: number;
  answered?: number;
}

const widget = <T>(origin: string, action: 'phase' | 'click', selector?: string) =>
  executeServerCommand<T, { origin: string; action: string; selector?: string }>('cross-origin-widget', { origin, action, selector });

/** What the Candid server saw from `origin` (requests with that Origin header). */
const requestsFrom = (origin: string) => executeServerCommand<SeenRequest[], { origin: string }>('candid-requests-from', { origin });

/** `GET /v1/session → 200, PATCH /v1/uploads/:id → 204 ×3, …`: for failure messages. */
function summarize(seen: SeenRequest[]): string {
  const counts = new Map<string, number>();
  for (const r of seen) {
    const call = `${r.method} ${r.path.replace(/^\/candid/, '').replace(/\/v1\/uploads\/[^/]+$/, '/v1/uploads/:id')} → ${r.status}`;
    counts.set(call, (counts.get(call) ?? 0) + 1);
  }
  const patches = seen
    .filter((r) => r.method === 'PATCH')
    .map((r) => `${r.path.slice(-6)}@${r.offset}: declared ${r.declared}, received ${r.received}, answered ${r.answered}`);
  return `${[...counts].map(([call, n]) => (n > 1 ? `${call} ×${n}` : call)).join(', ')}; PATCHes: ${patches.join('; ')}`;
}

describe('script-tag bundle on a plain page of another origin', function () {
  this.timeout(90000);
  let frame: HTMLIFrameElement | undefined;
  let onMessage: ((event: MessageEvent) => void) | undefined;

  before(async function () {
    this.timeout(70000);
    await warmUpServer();
  });
  afterEach(() => {
    frame?.remove();
    frame = undefined;
    if (onMessage) window.removeEventListener('message', onMessage);
  });

  it('consent → device check → record → submit → complete, every API call a CORS request from the page origin', async () => {
    const session = await createSession();
    const { origin: pageOrigin } = await executeServerCommand<{ origin: string }, undefined>('cross-origin-page-server');
    const endpointOrigin = new URL(session.endpoint).origin;
    expect(pageOrigin, 'the careers page and the Candid server are different origins').to.not.equal(endpointOrigin);
    expect(pageOrigin).to.not.equal(location.origin);

    // Only messages from the careers page's origin count.
    const messages: PageMessage[] = [];
    onMessage = (event) => {
      if (event.origin === pageOrigin) messages.push(event.data as PageMessage);
    };
    window.addEventListener('message', onMessage);
    const message = (type: string) => messages.find((m) => m.type === type);

    frame = document.createElement('iframe');
    frame.allow = 'camera; microphone';
    frame.style.width = '800px';
    frame.style.height = '1000px';
    frame.src = `${pageOrigin}/careers.html?${new URLSearchParams({ endpoint: session.endpoint, token: session.token })}`;
    document.body.append(frame);

    let lastPhase: string | null = null;
    const phase = (name: string, ms = 20000) =>
      waitFor(async () => (lastPhase = (await widget<{ phase: string | null }>(pageOrigin, 'phase')).phase) === name, `phase ${name} in the careers page`, ms).catch(async (err: Error) => {
        const seen = summarize(await requestsFrom(pageOrigin));
        throw new Error(`${err.message} (last phase: ${lastPhase}; page messages: ${JSON.stringify(messages)}; server saw: ${seen})`);
      });
    const click = (selector: string) =>
      waitFor(async () => (await widget<{ clicked: boolean }>(pageOrigin, 'click', selector)).clicked, `${selector} in the careers page`);

    await phase('consent', 30000);
    expect(message('candid-ready')?.detail).to.include({ sessionId: session.sessionId });
    expect(message('candid-ready')?.pageOrigin).to.equal(pageOrigin);
    await driveOneAnswer(phase, click);

    const complete = await waitFor(() => message('candid-complete'), 'candid-complete from the careers page');
    expect(complete.detail).to.include({ sessionId: session.sessionId });
    expect(message('candid-answer')?.detail).to.include({ questionId: 'q1' });
    expect(messages.filter((m) => m.type === 'candid-error' || m.type === 'csp-violation'), 'errors or CSP violations').to.deep.equal([]);

    // The server saw the page's origin on the candidate API and the tus uploads: real CORS,
    // preflights included (Authorization and tus headers are not CORS-safelisted).
    const seen = await requestsFrom(pageOrigin);
    const calls = summarize(seen);
    console.log(`[cross-origin] ${calls}`);
    for (const call of ['GET /v1/session → 200', 'POST /v1/session/consent → 201', 'POST /v1/uploads → 201', 'PATCH /v1/uploads/:id → 204', 'POST /v1/session/answers/q1 → 200', 'POST /v1/session/complete → 200']) {
      expect(calls, `${call} from ${pageOrigin}`).to.include(call);
    }
    expect(seen.some((r) => r.method === 'OPTIONS' && r.status === 204), `a CORS preflight: ${calls}`).to.equal(true);
    expect(seen.filter((r) => r.method !== 'OPTIONS' && !r.bearer), 'calls without the session token').to.deep.equal([]);

    // And it stored the committed answer, with the recording's bytes.
    const stored = await storedSession(session.sessionId);
    expect(stored.status).to.equal('completed');
    expect(stored.answers.map((a) => a.questionId)).to.deep.equal(['q1']);
    const video = stored.answers[0]?.media.find((m) => m.track === 'video');
    expect(video?.sizeBytes, 'stored video bytes').to.be.greaterThan(1000);
    expect(video?.sha256).to.match(/^[0-9a-f]{64}$/);
  });
});
