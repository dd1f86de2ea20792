/**
 * Every error the SDK reports carries a stable `code` and the HTTP status that fits it.
 * Codes are part of the public contract: integrators branch on them, so never rename one.
 */
export const ErrorCodes = {
  BAD_REQUEST: { status: 400, message: 'The request is malformed.' },
  VALIDATION_FAILED: { status: 400, message: 'The request body failed validation.' },
  API_KEY_MISSING: { status: 401, message: 'Send an API key as "Authorization: Bearer <key>".' },
  API_KEY_INVALID: { status: 401, message: 'The API key is not one of the configured keys.' },
  SESSION_TOKEN_MISSING: { status: 401, message: 'Send the session token as "Authorization: Bearer <token>".' },
  SESSION_TOKEN_INVALID: { status: 401, message: 'The session token is malformed or its signature does not verify.' },
  SESSION_TOKEN_EXPIRED: { status: 401, message: 'The session token has expired; ask the ATS for a new one.' },
  SESSION_EXPIRED: { status: 401, message: 'This interview session has expired.' },
  SESSION_CLOSED: { status: 403, message: 'This interview session no longer accepts candidate requests.' },
  SESSION_WITHDRAWN: { status: 403, message: 'The candidate withdrew consent; this session accepts no more requests.' },
  SESSION_ERASED: { status: 401, message: 'This session was erased; its tokens are no longer valid.' },
  CONSENT_REQUIRED: { status: 403, message: 'The candidate has not consented to recording yet.' },
  CONSENT_WITHDRAWAL_REQUIRED: { status: 409, message: 'Recording consent was given; to take it back, withdraw consent (POST /v1/session/consent/withdraw), which deletes the recordings.' },
  UPLOAD_LIMIT_REACHED: { status: 429, message: 'This take has as many uploads as it may; resume an existing one.' },
  SESSION_STORAGE_LIMIT: { status: 413, message: "The session's uploads would exceed its storage budget." },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  INTERVIEW_NOT_FOUND: { status: 404, message: 'No interview with this id.' },
  SESSION_NOT_FOUND: { status: 404, message: 'No session with this id.' },
  QUESTION_NOT_FOUND: { status: 404, message: 'The interview has no question with this id.' },
  UPLOAD_NOT_FOUND: { status: 404, message: 'No upload with this id in this session.' },
  UPLOAD_FORBIDDEN: { status: 403, message: 'This upload cannot be changed.' },
  ANSWER_NOT_FOUND: { status: 404, message: 'No answer with this id in this session.' },
  RENDITION_NOT_FOUND: { status: 404, message: 'This answer has no such rendition (yet): see answers[].processing.media.' },
  NOTICE_VERSION_MISMATCH: { status: 409, message: 'The consent refers to a notice version the interview does not show.' },
  UPLOAD_MISSING: { status: 409, message: 'No upload was received for this take.' },
  UPLOAD_OFFSET_CONFLICT: { status: 409, message: 'Upload-Offset does not match the bytes the server holds; HEAD the upload and resume from its offset.' },
  UPLOAD_INCOMPLETE: { status: 409, message: 'The upload for this take is not complete yet.' },
  ANSWER_ALREADY_COMMITTED: { status: 409, message: 'Another take of this question is already committed.' },
  ATTEMPT_LIMIT_REACHED: { status: 409, message: 'No retakes remain for this question.' },
  ANSWERS_MISSING: { status: 409, message: 'Some questions have no committed answer yet.' },
  INVALID_STATE: { status: 409, message: 'The session is not in a state that allows this.' },
  TUS_VERSION_REQUIRED: { status: 412, message: 'Send "Tus-Resumable: 1.0.0" with every tus request but OPTIONS.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  UPLOAD_TOO_LARGE: { status: 413, message: 'The upload is larger than this answer may be.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'The media type is not accepted.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests for this session; retry after the Retry-After delay.' },
  AUTH_THROTTLED: { status: 429, message: 'Too many failed authentication attempts from this address; retry after the Retry-After delay.' },
  INTERNAL: { status: 500, message: 'Internal error.' },
  WEBHOOK_DELIVERY_NOT_FOUND: { status: 404, message: 'No webhook delivery with this id.' },
  WEBHOOK_NOT_CONFIGURED: { status: 409, message: 'No webhook URL is configured (CANDID_WEBHOOK_URL), so nothing can be sent.' },
  DATA_KEY_DESTROYED: { status: 410, message: "This session's data key was destroyed (erasure): its encrypted data and media can no longer be read." },
  ENCRYPTION_KEY_MISSING: { status: 500, message: 'Data is encrypted under a master key that is not configured (CANDID_MASTER_KEYS).' },
  DATA_INTEGRITY: { status: 500, message: 'Stored data failed its integrity check (wrong key or corrupted bytes).' },
  CONFIG_INVALID: { status: 500, message: 'The server configuration is invalid.' },
  MASTER_KEY_MISMATCH: { status: 500, message: "The configured master key is not the one this database's data was encrypted with (another CANDID_SECRET or CANDID_MASTER_KEYS)." },
  LEGAL_HOLD_ACTIVE: { status: 409, message: 'The session is under a legal hold; it cannot be erased or expire until the hold is released.' },
  STORAGE_UNAVAILABLE: { status: 503, message: 'Media storage did not answer; the upload is kept. Retry shortly: HEAD the upload, then PATCH from its offset.' },
  ERASURE_INCOMPLETE: { status: 503, message: 'Media storage refused a deletion; the erasure was not completed. Repeat the request.' },
  SESSION_RESTRICTED: { status: 409, message: 'Processing of this session is restricted (or objected to): its data is kept but not shared.' },
  RETENTION_OUT_OF_BOUNDS: { status: 400, message: "The interview's retention is outside what its jurisdictions allow." },
  NOTICE_INCOMPLETE: { status: 400, message: "The interview's notice does not cover every item its jurisdictions require." },
  JURISDICTION_CONFLICT: { status: 400, message: "The interview's jurisdictions set retention bounds that cannot all be met." },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ErrorCodes;

export interface FieldIssue {
  /** JSON-pointer-like path of the offending field, e.g. `questions/0/id`. */
  path: string;
  message: string;
}

export class CandidError extends Error {
  // Set literally: minifiers rename classes, so constructor.name is unreliable.
  override readonly name = 'CandidError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly issues: FieldIssue[] | undefined;

  constructor(code: ErrorCode, message?: string, options: { issues?: FieldIssue[]; cause?: unknown } = {}) {
    super(message ?? ErrorCodes[code].message, { cause: options.cause });
    this.code = code;
    this.status = ErrorCodes[code].status;
    this.issues = options.issues;
  }

  toJSON(): { error: { code: ErrorCode; message: string; issues?: FieldIssue[] } } {
    return { error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) } };
  }
}

export function isCandidError(value: unknown): value is CandidError {
  return value instanceof CandidError;
}
