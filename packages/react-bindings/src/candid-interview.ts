import * as React from 'react';
import type { CandidInterview as CandidInterviewElement } from '@candid/widget';
import { CandidInterview as GeneratedCandidInterview } from './generated/candid-interview.js';
import { CandidContext } from './provider.js';

type BaseProps = React.ComponentPropsWithoutRef<typeof GeneratedCandidInterview>;

/** Sets a user's ref (callback or object) the way React would. */
function assignRef<T>(ref: React.ForwardedRef<T>, value: T | null): void {
  if (typeof ref === 'function') ref(value);
  else if (ref) ref.current = value;
}

/**
 * `<CandidInterview token endpoint onCandidComplete onCandidError …/>`: the `<candid-interview>`
 * element as a typed React component. Props map to the element's properties (`token`,
 * `endpoint`, `locale`, `assetsBase`, `messages`, …); `onCandid…` props receive its `candid-*`
 * events with typed `detail`s. Inside a `<CandidProvider>` it registers its element there, so
 * `useCandidState` works without a ref; a `ref` you pass still receives the element.
 */
export const CandidInterview = React.forwardRef<CandidInterviewElement, BaseProps>(function CandidInterview(props, forwardedRef) {
  const slot = React.useContext(CandidContext);
  const registered = React.useRef<CandidInterviewElement | null>(null);
  // Stable while the provider and the user's ref are: React calls it with the element on mount and
  // with null on unmount (or before a new callback takes over), which does not say which element.
  const ref = React.useCallback(
    (element: CandidInterviewElement | null) => {
      assignRef(forwardedRef, element);
      if (registered.current) slot?.release(registered.current);
      registered.current = element;
      if (element) slot?.set(element);
    },
    [forwardedRef, slot],
  );
  return React.createElement(GeneratedCandidInterview, { ...props, ref });
});
CandidInterview.displayName = 'CandidInterview';

export type CandidInterviewProps = React.ComponentProps<typeof CandidInterview>;
