import { Metadata } from '@tus/utils';
import type { Request } from 'express';
import { CandidError } from '../errors.js';

// No leading zeros: @tus/server refuses `00` (as plain text) since String(Number(v)) !== v.
const DIGITS = /^(0|[1-9]\d{0,14})$/;
// tus 1.0: comma-separated `key` or `key base64value` pairs.
const METADATA = /^[^\s,]+( [A-Za-z0-9+/]*={0,2})?(,[^\s,]+( [A-Za-z0-9+/]*={0,2})?)*$/;

/**
 * Checks a tus request's method, path and headers before @tus/server sees it, so every refusal is
 * the API's JSON error with a stable code (tus answers some of these itself, as plain text, and
 * with 403 where the protocol means 400 or 415).
 */
export function checkTusRequest(req: Request, itemPath: boolean): void {
  const method = req.method;
  if (method === 'OPTIONS') return;
  const allowed = itemPath ? ['HEAD', 'PATCH', 'DELETE'] : ['POST'];
  if (!allowed.includes(method)) throw new CandidError('NOT_FOUND', `${method} is not served here; the tus endpoint takes ${allowed.join(', ')}.`);
  if (req.get('tus-resumable') !== '1.0.0') throw new CandidError('TUS_VERSION_REQUIRED');
  if (req.get('upload-concat') !== undefined) throw new CandidError('BAD_REQUEST', 'The tus concatenation extension is not supported.');

  const offset = req.get('upload-offset');
  const length = req.get('upload-length');
  const deferLength = req.get('upload-defer-length');
  const metadata = req.get('upload-metadata');
  if (offset !== undefined && !DIGITS.test(offset)) throw new CandidError('BAD_REQUEST', 'Upload-Offset must be a non-negative integer.');
  if (length !== undefined && !DIGITS.test(length)) throw new CandidError('BAD_REQUEST', 'Upload-Length must be a non-negative integer.');
  if (deferLength !== undefined && deferLength !== '1') throw new CandidError('BAD_REQUEST', 'Upload-Defer-Length must be 1.');
  // On every method, as @tus/server does (an empty value included), which would answer in plain text.
  if (metadata !== undefined && (!METADATA.test(metadata) || !parsesAsTusMetadata(metadata))) throw new CandidError('BAD_REQUEST', 'Upload-Metadata must be comma-separated "key base64value" pairs with unique keys.');
  // @tus/server validates these too, but answers in plain text.
  const forwardedProto = req.get('x-forwarded-proto');
  if (forwardedProto !== undefined && forwardedProto !== 'http' && forwardedProto !== 'https') throw new CandidError('BAD_REQUEST', 'X-Forwarded-Proto must be http or https.');
  const tusVersion = req.get('tus-version');
  if (tusVersion !== undefined && tusVersion !== '1.0.0') throw new CandidError('BAD_REQUEST', 'Tus-Version must be 1.0.0.');

  if (method === 'POST') {
    if ((length === undefined) === (deferLength === undefined)) throw new CandidError('BAD_REQUEST', 'Send exactly one of Upload-Length and Upload-Defer-Length: 1.');
    const type = req.get('content-type');
    if (type !== undefined && hasBody(req) && type !== 'application/offset+octet-stream') {
      throw new CandidError('UNSUPPORTED_MEDIA_TYPE', 'A creation request with a body must send Content-Type: application/offset+octet-stream.');
    }
  }
  if (method === 'PATCH') {
    if (offset === undefined) throw new CandidError('BAD_REQUEST', 'A PATCH must send Upload-Offset.');
    if (req.get('content-type') !== 'application/offset+octet-stream') {
      throw new CandidError('UNSUPPORTED_MEDIA_TYPE', 'A PATCH must send Content-Type: application/offset+octet-stream.');
    }
  }
}

/** @tus/server's own parse (unique keys, valid base64): what it accepts, we accept. */
function parsesAsTusMetadata(header: string): boolean {
  try {
    Metadata.parse(header);
    return true;
  } catch {
    return false;
  }
}

export function hasBody(req: Request): boolean {
  const length = req.get('content-length');
  return (length !== undefined && length !== '0') || req.get('transfer-encoding') !== undefined;
}

/** The decoded `Upload-Metadata` header (values base64 → UTF-8). */
export function parseUploadMetadata(header: string | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of (header ?? '').split(',')) {
    const [key, value] = pair.trim().split(' ');
    if (key) result[key] = value ? Buffer.from(value, 'base64').toString('utf8') : '';
  }
  return result;
}
