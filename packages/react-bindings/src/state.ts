import * as React from 'react';
import type { CandidInterview as CandidInterviewElement, InterviewState } from '@candid/widget';
import { CandidContext, type ElementSlot } from './provider.js';

const noSubscription = () => () => {};
const noElement = () => null;
const noValue = () => undefined;

/** The slot's element, re-read when it changes; `null` outside a provider, on the server and while hydrating. */
function useProvidedElement(slot: ElementSlot | null): CandidInterviewElement | null {
  return React.useSyncExternalStore(slot?.subscribe ?? noSubscription, slot?.get ?? noElement, noElement);
}

/**
 * The element behind `ref`. A ref changes without telling anyone, so it is looked at after every
 * commit of the calling component (the ref is set by then) and kept in state; the first render,
 * and so the server render and hydration, sees `null`.
 */
function useRefElement(ref: React.RefObject<CandidInterviewElement | null> | undefined): CandidInterviewElement | null {
  const [element, setElement] = React.useState<CandidInterviewElement | null>(null);
  React.useEffect(() => {
    const current = ref?.current ?? null;
    if (current !== element) setElement(current);
  });
  return element;
}

interface Selection<T> {
  state: InterviewState;
  selector: (state: InterviewState) => T;
  value: T;
}

/**
 * Reads the live state of a `<candid-interview>` (its zustand store, `element.store`) and
 * re-renders when `selector`'s result changes (compared with `Object.is`).
 *
 * - With `ref`: the element that ref points at, picked up when the calling component commits
 *   (call the hook in the component that renders the element, or below it; else use a provider).
 * - Without: the `<CandidInterview>` registered in the nearest `<CandidProvider>`.
 *
 * Returns `undefined` while there is no element: before it mounts, after it unmounts, outside a
 * provider when no `ref` is given (no error is thrown), and always during server rendering and
 * hydration (so server and client markup match; the live value follows right after hydration).
 *
 * `selector` may be an inline function. It may build new objects: the result is recomputed only
 * when the store's state changes, and a result equal (`Object.is`) to the previous one keeps the
 * previous one.
 *
 * @example
 * ```tsx
 * function Progress() {
 *   const phase = useCandidState((s) => s.phase);
 *   return <p>{phase ?? 'Loading…'}</p>;
 * }
 * ```
 */
export function useCandidState<T>(
  selector: (state: InterviewState) => T,
  ref?: React.RefObject<CandidInterviewElement | null>,
): T | undefined {
  const slot = React.useContext(CandidContext);
  const provided = useProvidedElement(ref ? null : slot);
  const referenced = useRefElement(ref);
  // `store` is undefined if the tag is not upgraded (the widget was not defined): treat as absent.
  const store = (ref ? referenced : provided)?.store ?? null;

  const subscribe = React.useCallback((onChange: () => void) => (store ? store.subscribe(onChange) : () => {}), [store]);
  const last = React.useRef<Selection<T> | null>(null);
  const getSnapshot = (): T | undefined => {
    if (!store) return undefined;
    const state = store.getState();
    const previous = last.current;
    if (previous && previous.state === state && previous.selector === selector) return previous.value;
    const value = selector(state);
    // Same result from a new state or a new (inline) selector: hand back the old one, no re-render.
    last.current = { state, selector, value: previous && Object.is(previous.value, value) ? previous.value : value };
    return last.current.value;
  };
  return React.useSyncExternalStore(subscribe, getSnapshot, noValue);
}
