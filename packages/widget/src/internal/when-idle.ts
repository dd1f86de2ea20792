/**
 * Runs `task` when the main thread is idle (at the latest after `timeoutMs`): prefetches must not
 * compete with drawing the screen the candidate is waiting for, on a slow phone least of all.
 * Safari has no `requestIdleCallback`: a short timeout stands in.
 */
export function whenIdle(task: () => void, timeoutMs = 2000): void {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, options?: { timeout: number }) => number }).requestIdleCallback;
  if (idle) idle(task, { timeout: timeoutMs });
  else setTimeout(task, 300);
}
