// Type-checked (never run) inside the fresh project of scripts/pack-smoke.test.mjs, once with
// `moduleResolution: "nodenext"` and once with `"bundler"`: the shipped declarations of all three
// packages resolve and are real types. The `@ts-expect-error` lines prove that: were a package's
// types missing (`any`), the directive would be unused and tsc would fail.
import { CandidInterview as CandidInterviewElement, TAG_NAME, type CandidCompleteDetail, type CandidErrorDetail } from '@candid/widget';
import { createCandid, type Candid, type CandidOptions } from '@candid/server-sdk';
import { CandidInterview, type CandidCompleteEvent, type CandidInterviewProps } from '@candid/react';
import express from 'express';
import { createElement } from 'react';

// Server: typed options, the router mounts on an Express app.
const options: CandidOptions = { secret: 's'.repeat(32), dataDir: './candid-data', apiKeys: ['k'.repeat(32)] };
const candid: Candid = createCandid(options);
express().use('/candid', candid.router);
// @ts-expect-error `secret` is required
createCandid({ dataDir: './candid-data' });

// React: typed props, event props receive the element's typed events.
const props: CandidInterviewProps = {
  token: 'token',
  endpoint: '/candid',
  onCandidComplete: (event: CandidCompleteEvent) => console.log(event.detail.sessionId),
};
createElement(CandidInterview, props);
// @ts-expect-error an event prop's handler takes that event, not a number
export const wrongHandler: CandidInterviewProps = { onCandidComplete: (event: number) => event };

// Widget: the tag maps to the element class; `candid-*` events carry typed details.
const element: CandidInterviewElement = document.createElement(TAG_NAME);
element.addEventListener('candid-complete', (event) => {
  const detail: CandidCompleteDetail = event.detail;
  console.log(detail.sessionId);
});
element.addEventListener('candid-error', (event) => {
  const detail: CandidErrorDetail = event.detail;
  // @ts-expect-error `recoverable` is a boolean
  const wrong: string = detail.recoverable;
  console.log(detail.code, wrong);
});
