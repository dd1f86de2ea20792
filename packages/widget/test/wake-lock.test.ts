// The screen wake lock (phones dim and lock their screen, and a locked screen stops the camera):
// held through think time, recording and the last bytes; let go on review and when the element goes.
// Real Screen Wake Lock API (Chromium and Firefox grant it to a visible page).
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

describe('screen wake lock', () => {
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
