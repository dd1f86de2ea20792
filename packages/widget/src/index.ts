// The npm (ESM) entry: the public API plus the building blocks of custom integrations (the tus
// client, mime negotiation, the English catalog), and <candid-interview> registered.
export * from './public-api.js';
export { TusUpload, type TusUploadOptions, type TusProgress, type TusResult, type TusState } from './api/tus-upload.js';
export { MIME_CANDIDATES } from './constants.js';
export { negotiateMimeType } from './media/mime.js';
export { en as messagesEn } from './lang/en.js';
import './register.js';
