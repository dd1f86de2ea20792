export { createCandid, type Candid } from './candid.js';
export { type CandidOptions, optionsFromEnv } from './config.js';
export { CandidError, ErrorCodes, type ErrorCode, type FieldIssue } from './errors.js';
export { migrations } from './db/migrations.js';
export type * from './types.js';
export { loadOrCreateDevSecret } from './dev-secret.js';
