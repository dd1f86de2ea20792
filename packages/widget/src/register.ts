import { CandidInterview } from './candid-interview.js';
import { TAG_NAME } from './constants.js';
import { defineElement } from './internal/define.js';

declare global {
  interface HTMLElementTagNameMap {
    'candid-interview': CandidInterview;
  }
}

defineElement(TAG_NAME, CandidInterview);
