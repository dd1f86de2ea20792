// @candid/react: the <candid-interview> element as a React component, plus a hook on its state.
// Safe to import during SSR: nothing here touches window or document at import time.
export { CandidInterview, type CandidInterviewProps } from './candid-interview.js';
export { CandidProvider, type CandidProviderProps } from './provider.js';
export { useCandidState } from './state.js';
// The generated event types (`CandidReadyEvent`, …): one per `candid-*` event in the manifest. The
// two local exports above take precedence over the generated component and props of the same name.
export type * from './generated/candid-interview.js';
// The element type for refs (`useRef<CandidInterviewElement>(null)`) and the state shape for selectors.
export type { CandidInterview as CandidInterviewElement, InterviewState, Phase } from '@candid/widget';
