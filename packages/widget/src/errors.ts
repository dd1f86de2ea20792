/**
 * Stable error codes. Server codes (e.g. `SESSION_TOKEN_EXPIRED`) are passed through unchanged,
 * so `CandidError.code` is typed as `CandidErrorCode | string`.
 */
export const CandidErrorCode = {
  /** `token` or `endpoint` attribute missing. */
  MISSING_ATTRIBUTES: 'MISSING_ATTRIBUTES',
  /** The server could not be reached (offline, DNS, CORS, aborted). */
  NETWORK_ERROR: 'NETWORK_ERROR',
  /** The server answered with an error the widget could not read. */
  SERVER_ERROR: 'SERVER_ERROR',
  /** The server answered with an unexpected (non-error) body. */
  BAD_RESPONSE: 'BAD_RESPONSE',
  SESSION_TOKEN_INVALID: 'SESSION_TOKEN_INVALID',
  SESSION_TOKEN_EXPIRED: 'SESSION_TOKEN_EXPIRED',
  CONSENT_REQUIRED: 'CONSENT_REQUIRED',
  /** The page is not a secure context (https or localhost), so the camera is unavailable. */
  INSECURE_CONTEXT: 'INSECURE_CONTEXT',
  CAMERA_PERMISSION_DENIED: 'CAMERA_PERMISSION_DENIED',
  CAMERA_NOT_FOUND: 'CAMERA_NOT_FOUND',
  CAMERA_IN_USE: 'CAMERA_IN_USE',
  CAMERA_FAILED: 'CAMERA_FAILED',
  /** No MediaRecorder, or none of the supported container types. */
  RECORDING_UNSUPPORTED: 'RECORDING_UNSUPPORTED',
  /** The file picked in the no-MediaRecorder fallback is not a video the server accepts. */
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  RECORDING_FAILED: 'RECORDING_FAILED',
  /** An upload request kept failing after all retries. */
  UPLOAD_FAILED: 'UPLOAD_FAILED',
  /** The server lost bytes the client had already discarded (should never happen). */
  UPLOAD_OFFSET_LOST: 'UPLOAD_OFFSET_LOST',
  UPLOAD_INCOMPLETE: 'UPLOAD_INCOMPLETE',
  /** The operation was cancelled by the widget itself (element removed, restart). */
  ABORTED: 'ABORTED',
  /** The widget's own lazily loaded files (texts, screens) could not be loaded from `assets-base`. */
  ASSETS_UNAVAILABLE: 'ASSETS_UNAVAILABLE',
} as const;
export type CandidErrorCode = (typeof CandidErrorCode)[keyof typeof CandidErrorCode];

/** Error codes that get the camera/microphone help screen (plain-language steps) instead of the error screen. */
export const HELP_CODES: ReadonlySet<string> = new Set(['CAMERA_PERMISSION_DENIED', 'CAMERA_NOT_FOUND', 'CAMERA_IN_USE', 'INSECURE_CONTEXT']);

/** Plain-data view of an error, as carried by `candid-error` and the store. */
export interface CandidErrorInfo {
  code: CandidErrorCode | (string & {});
  message: string;
  recoverable: boolean;
  status?: number;
}

export interface CandidErrorOptions {
  recoverable?: boolean;
  status?: number;
  cause?: unknown;
}

export class CandidError extends Error {
  // Set literally: minifiers rename classes, so `constructor.name` is unreliable.
  override readonly name = 'CandidError';
  readonly code: CandidErrorCode | (string & {});
  /** True if trying again (reload, retry, grant permission) can succeed. */
  readonly recoverable: boolean;
  /** HTTP status, when the error came from the server. */
  readonly status?: number;

  constructor(code: CandidErrorCode | (string & {}), message: string, options: CandidErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.recoverable = options.recoverable ?? false;
    if (options.status !== undefined) this.status = options.status;
  }

  toJSON(): CandidErrorInfo {
    const info: CandidErrorInfo = { code: this.code, message: this.message, recoverable: this.recoverable };
    if (this.status !== undefined) info.status = this.status;
    return info;
  }
}

export function isCandidError(value: unknown): value is CandidError {
  return value instanceof Error && (value as { name?: unknown }).name === 'CandidError';
}

/** Wraps anything thrown into a CandidError (unknown errors keep their message). */
export function toCandidError(value: unknown, fallbackCode: CandidErrorCode = CandidErrorCode.SERVER_ERROR): CandidError {
  if (isCandidError(value)) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new CandidError(fallbackCode, message, { cause: value });
}
