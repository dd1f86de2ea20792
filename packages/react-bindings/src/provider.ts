import * as React from 'react';
import type { CandidInterview as CandidInterviewElement } from '@candid/widget';

/**
 * The `<candid-interview>` element mounted under one `<CandidProvider>`: a tiny external store, so
 * hooks re-render when the element mounts, unmounts or is replaced.
 */
export interface ElementSlot {
  get(): CandidInterviewElement | null;
  set(element: CandidInterviewElement): void;
  /** Empties the slot if it still holds `element` (a newer interview may have taken it). */
  release(element: CandidInterviewElement): void;
  subscribe(listener: () => void): () => void;
}

export function createElementSlot(): ElementSlot {
  let current: CandidInterviewElement | null = null;
  const listeners = new Set<() => void>();
  const change = (element: CandidInterviewElement | null) => {
    if (element === current) return;
    current = element;
    for (const listener of [...listeners]) listener();
  };
  return {
    get: () => current,
    set: change,
    release(element) {
      if (element === current) change(null);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** `null` outside any provider. */
export const CandidContext = React.createContext<ElementSlot | null>(null);

export interface CandidProviderProps {
  children?: React.ReactNode;
}

/**
 * Shares the `<CandidInterview>` rendered inside it with `useCandidState` calls anywhere inside it
 * (siblings included), without passing a ref around. One interview per provider: when several
 * mount, the last one mounted is used.
 *
 * @example
 * ```tsx
 * <CandidProvider>
 *   <CandidInterview token={token} endpoint="/candid" />
 *   <Progress />   // useCandidState((s) => s.phase)
 * </CandidProvider>
 * ```
 */
export function CandidProvider({ children }: CandidProviderProps): React.ReactElement {
  const [slot] = React.useState(createElementSlot);
  return React.createElement(CandidContext.Provider, { value: slot }, children);
}
