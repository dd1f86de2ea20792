// The screen wake lock (phones dim and lock their screen, and a locked screen stops the camera):
// held through think time, recording and the last bytes; let go on review and when the element goes.
// Real Screen Wake Lock API where the engine grants it (Chromium and Firefox, to a visible page).
// WebKitGTK's MiniBrowser under automation refuses it (NotAllowedError: nobody answers its permission
// request); there the refusal itself is tested, and the phase rules run against a stand-in API.
import { expect } from '@esm-bundle/chai';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createStore } from 'zustand/vanilla';
import { WakeLockController } from '../src/controllers/wake-lock-controller.js';
import { initialInterviewState, type InterviewState, type Phase } from '../src/store/state.js';
import { waitFor } from './support/helpers.js';

/** A bare host: the controller needs nothing but connect/disconnect. */
function bareHost() {
  const controllers: ReactiveController[] = [];
  const host: ReactiveControllerHost = {
    addController: (c) => void controllers.push(c),
    removeController: () => {},
    requestUpdate: () => {},
    updateComplete: Promise.resolve(true),
  };
  return {
    host,
    connect: () => controllers.forEach((c) => c.hostConnected?.()),
    disconnect: () => controllers.forEach((c) => c.hostDisconnected?.()),
  };
}

/** Whether this engine grants the real lock to this page. */
async function realLockGranted(): Promise<boolean> {
  try {
    await (await navigator.wakeLock.request('screen')).release();
    return true;
  } catch {
    return false;
  }
}

/** A minimal Screen Wake Lock API that grants every request. */
function grantingWakeLock() {
  return {
    async request() {
      const sentinel = Object.assign(new EventTarget(), {
        released: false,
        async release() {
          sentinel.released = true;
        },
      });
      return sentinel;
    },
  };
}

const isWebKitGtk = /AppleWebKit/.test(navigator.userAgent) && !/Chrome|Firefox/.test(navigator.userAgent);

describe('screen wake lock', () => {
  let granted = true;
  before(async () => {
    granted = await realLockGranted();
    if (!granted) Object.defineProperty(navigator, 'wakeLock', { value: grantingWakeLock(), configurable: true });
  });
  after(() => {
    if (!granted) delete (navigator as { wakeLock?: unknown }).wakeLock; // the prototype's real API again
  });

  it('the real lock is granted to a visible page (refused only by WebKitGTK under automation, and then not held)', async () => {
    if (granted) return;
    expect(isWebKitGtk, `only WebKitGTK refuses the lock here (${navigator.userAgent})`).to.equal(true);
    const standIn = Object.getOwnPropertyDescriptor(navigator, 'wakeLock')!;
    delete (navigator as { wakeLock?: unknown }).wakeLock;
    try {
      const store = createStore<InterviewState>(() => ({ ...initialInterviewState(), phase: 'recording' }));
      const { host, connect, disconnect } = bareHost();
      const wakeLock = new WakeLockController(host, store);
      connect();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(wakeLock.held, 'a refused lock is not held, and nothing throws').to.equal(false);
      disconnect();
    } finally {
      Object.defineProperty(navigator, 'wakeLock', standIn);
    }
  });

  it('is held while a question is under way (think time, recording, finishing) and let go otherwise', async () => {
    const store = createStore<InterviewState>(() => initialInterviewState());
    const { host, connect, disconnect } = bareHost();
    const wakeLock = new WakeLockController(host, store);
    const phase = (p: Phase) => store.setState({ phase: p });
    connect();
    expect(wakeLock.held, 'not while loading').to.equal(false);
    phase('ready');
    await waitFor(() => wakeLock.held, 'held during think time');
    phase('recording');
    expect(wakeLock.held).to.equal(true);
    phase('finishing');
    expect(wakeLock.held).to.equal(true);
    phase('review');
    expect(wakeLock.held, 'let go on review').to.equal(false);
    phase('recording');
    await waitFor(() => wakeLock.held, 'held again for a retake');
    disconnect();
    expect(wakeLock.held, 'let go when the element is removed').to.equal(false);
    phase('ready');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(wakeLock.held, 'a disconnected element takes nothing').to.equal(false);
  });

  it('lets go of a lock granted after the question already ended', async () => {
    const store = createStore<InterviewState>(() => ({ ...initialInterviewState(), phase: 'recording' }));
    const { host, connect, disconnect } = bareHost();
    const wakeLock = new WakeLockController(host, store);
    connect(); // asks at once
    store.setState({ phase: 'review' }); // before the browser answered
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(wakeLock.held).to.equal(false);
    disconnect();
  });
});
