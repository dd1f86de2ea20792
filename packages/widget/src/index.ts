import { CandidInterview } from './candid-interview.js';
import { TAG_NAME } from './constants.js';
import { defineElement } from './internal/define.js';

export { CandidInterview, type CandidMessageOverrides } from './candid-interview.js';
export { CandidApi, type CandidApiOptions } from './api/candid-api.js';
export { TusUpload, type TusUploadOptions, type TusProgress, type TusResult, type TusState } from './api/tus-upload.js';
export type * from './api/types.js';
export { CandidError, CandidErrorCode, isCandidError, type CandidErrorInfo } from './errors.js';
export type * from './events.js';
export { CandidEvents, CandidAttributes, TAG_NAME, VERSION, MIME_CANDIDATES } from './constants.js';
export { negotiateMimeType } from './media/mime.js';
export {
  createInterviewStore,
  canTransition,
  TRANSITIONS,
  type Phase,
  type InterviewState,
  type InterviewActions,
  type ReadonlyStore,
  type UploadProgress,
} from './store/interview-store.js';
export { en as messagesEn, type CandidMessages } from './lang/en.js';
export { formatters, type Formatters, type PluralForms } from './i18n/format.js';
export { LOCALES, negotiateLocale, directionOf, type Locale } from './i18n/negotiate.js';

declare global {
  interface HTMLElementTagNameMap {
    'candid-interview': CandidInterview;
  }
}

defineElement(TAG_NAME, CandidInterview);
