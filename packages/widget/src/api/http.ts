import { CandidError, CandidErrorCode } from '../errors.js';

/** Joins `endpoint` (absolute or page-relative, with or without trailing slash) and an API path. */
export function apiUrl(endpoint: string, path: string): string {
  const base = endpoint.replace(/\/+$/, '');
  const pageUrl = (globalThis as { location?: { href: string } }).location?.href;
  return new URL(base + path, pageUrl).href;
}

/** Statuses after which the same request may succeed if simply tried again. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 423 || status === 429 || status >= 500;
}

/**
 * Turns a non-2xx response into a CandidError. Reads `{ error: { code, message } }` when the body
 * is JSON; tus-handled routes may answer in plain text, which becomes the message.
 */
export async function errorFromResponse(res: Response, fallbackCode: string = CandidErrorCode.SERVER_ERROR): Promise<CandidError> {
  let text = '';
  try {
    text = await res.text();
  } catch {
    // body unreadable: keep the status only
  }
  let code: string = fallbackCode;
  let message = text.trim().slice(0, 500) || `${res.status} ${res.statusText}`.trim();
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (body && typeof body.error === 'object' && body.error) {
      if (typeof body.error.code === 'string' && body.error.code) code = body.error.code;
      if (typeof body.error.message === 'string' && body.error.message) message = body.error.message;
    }
  } catch {
    // not JSON
  }
  return new CandidError(code, message, { status: res.status, recoverable: isRetryableStatus(res.status) });
}

export function networkError(cause: unknown): CandidError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new CandidError(CandidErrorCode.NETWORK_ERROR, `Could not reach the interview server (${detail}).`, {
    recoverable: true,
    cause,
  });
}

export function isAbortError(value: unknown): boolean {
  return value instanceof Error && value.name === 'AbortError';
}
