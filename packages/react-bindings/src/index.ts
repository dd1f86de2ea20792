import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
// Importing the widget registers <candid-interview> in browsers. In Node it is safe: Lit's `node`
// build brings a DOM shim and the widget skips registration when there is no window.
import {
  CandidInterview as CandidInterviewElement,
  type CandidAnswerDetail,
  type CandidCompleteDetail,
  type CandidConsentDetail,
  type CandidErrorDetail,
  type CandidProgressDetail,
  type CandidReadyDetail,
} from '@candid/widget';

export type CandidReadyEvent = CustomEvent<CandidReadyDetail>;
export type CandidConsentEvent = CustomEvent<CandidConsentDetail>;
export type CandidProgressEvent = CustomEvent<CandidProgressDetail>;
export type CandidAnswerEvent = CustomEvent<CandidAnswerDetail>;
export type CandidCompleteEvent = CustomEvent<CandidCompleteDetail>;
export type CandidErrorEvent = CustomEvent<CandidErrorDetail>;

/**
 * `<CandidInterview token endpoint onCandidComplete onCandidError …/>`: the `<candid-interview>`
 * element as a typed React component. Props map to the element's properties; `onCandid*` props
 * receive the element's `candid-*` events.
 */
export const CandidInterview = createComponent({
  react: React,
  tagName: 'candid-interview',
  elementClass: CandidInterviewElement,
  displayName: 'CandidInterview',
  events: {
    onCandidReady: 'candid-ready' as EventName<CandidReadyEvent>,
    onCandidConsent: 'candid-consent' as EventName<CandidConsentEvent>,
    onCandidProgress: 'candid-progress' as EventName<CandidProgressEvent>,
    onCandidAnswer: 'candid-answer' as EventName<CandidAnswerEvent>,
    onCandidComplete: 'candid-complete' as EventName<CandidCompleteEvent>,
    onCandidError: 'candid-error' as EventName<CandidErrorEvent>,
  },
});

export type CandidInterviewProps = React.ComponentProps<typeof CandidInterview>;
