// Hosts <candid-interview> in an iframe so a test can reload "the page" mid-upload. Everything the
// test needs to survive the reload is posted to the parent as it happens:
//   { type: 'chunk', recorder, mimeType, blob }   every blob each MediaRecorder emits, in order
//   { type: 'event', name, detail }               every candid-* event
//   { type: 'loaded' }                            the widget element is on the page
// The parent drives the widget through `frame.contentWindow.candid` (same origin).
import '../../src/index.js';
import type { CandidInterview } from '../../src/candid-interview.js';

const params = new URLSearchParams(location.search);
const post = (message: unknown) => parent.postMessage(message, location.origin);
const loadId = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;

let seq = 0;
const Real = MediaRecorder;
globalThis.MediaRecorder = class extends Real {
  constructor(stream: MediaStream, options?: MediaRecorderOptions) {
    super(stream, options);
    const recorder = `${loadId}-${seq++}`;
    const mimeType = this.mimeType || options?.mimeType || '';
    this.addEventListener('dataavailable', (e) => {
      const blob = (e as BlobEvent).data;
      if (blob.size > 0) post({ type: 'chunk', recorder, mimeType, blob });
    });
  }
};

const el = document.createElement('candid-interview') as CandidInterview;
el.endpoint = params.get('endpoint') ?? '';
el.token = params.get('token') ?? '';
for (const name of ['candid-ready', 'candid-consent', 'candid-progress', 'candid-answer', 'candid-complete', 'candid-error']) {
  el.addEventListener(name, (e) => post({ type: 'event', name, detail: (e as CustomEvent).detail }));
}
document.body.append(el);
(window as unknown as { candid: CandidInterview }).candid = el;
post({ type: 'loaded' });
