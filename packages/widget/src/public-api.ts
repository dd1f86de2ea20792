/**
 * What both builds export (the script-tag bundle as the global `Candid`). The npm (ESM) entry adds
 * the building blocks for custom integrations: the tus client, mime negotiation, the English catalog.
 */
export { CandidInterview, type CandidMessageOverrides } from './candid-interview.js';
export { CandidApi, type CandidApiOptions } from './api/candid-api.js';
export type * from './api/types.js';
export { CandidError, CandidErrorCode, isCandidError, type CandidErrorInfo } from './errors.js';
export type * from './events.js';
export { CandidEvents, CandidAttributes, TAG_NAME, VERSION } from './constants.js';
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
export type { CandidMessages } from './lang/en.js';
export { formatters, type Formatters, type PluralForms } from './i18n/format.js';
export { LOCALES, negotiateLocale, directionOf, type Locale } from './i18n/negotiate.js';
