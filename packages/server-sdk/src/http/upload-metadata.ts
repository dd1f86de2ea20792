import { Metadata } from '@tus/utils';
import type { NextFunction, Request, Response } from 'express';
import { CandidError, type FieldIssue } from '../errors.js';
import { parseMediaType } from './media-type.js';

/** The `Upload-Metadata` keys the server reads. */
export const UPLOAD_METADATA_KEYS = ['questionId', 'attempt', 'track', 'mimeType'] as const;

/**
 * Keys common tus clients add on their own (Uppy, tus-js-client examples): accepted and never used.
 * Every other key is refused, because stores act on some of them: @tus/s3-store copies
 * `contentType` and `cacheControl` into the S3 object's headers (a CR/LF there failed the creation
 * with a 500, and a stored `Cache-Control` would reach anyone the object is served to).
 */
const TOLERATED_KEYS = ['filename', 'filetype', 'name', 'type', 'relativePath'];

/** C0/C1 control characters and DEL: nothing stored from a header may carry them. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * What is wrong with decoded tus `Upload-Metadata` (creation), as field issues; empty when nothing
 * is. Checks the keys (known or tolerated only), that no value holds control characters, and that
 * `mimeType`, when present, is strictly `type/subtype[;codecs=…]` (see `parseMediaType`). Whether
 * the type is one the server accepts (415), and the other fields' values, are the upload service's.
 */
export function uploadMetadataIssues(metadata: Record<string, string | null | undefined>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [key, value] of Object.entries(metadata)) {
    const path = `Upload-Metadata/${key.slice(0, 64)}`;
    if (!(UPLOAD_METADATA_KEYS as readonly string[]).includes(key) && !TOLERATED_KEYS.includes(key)) {
      issues.push({ path, message: `is not a known key (expected ${UPLOAD_METADATA_KEYS.join(', ')})` });
    } else if (typeof value === 'string' && (CONTROL.test(value) || value.length > 1000)) {
      issues.push({ path, message: 'must be at most 1000 characters without control characters (CR, LF, NUL, ...)' });
    } else if (key === 'mimeType' && typeof value === 'string' && !parseMediaType(value)) {
      issues.push({ path, message: 'must be a media type such as video/webm or video/webm;codecs=vp8,opus (type/subtype, and only a codecs parameter)' });
    }
  }
  return issues;
}

/** Throws VALIDATION_FAILED (400) listing {@link uploadMetadataIssues}, if any. */
export function assertUploadMetadata(metadata: Record<string, string | null | undefined>): void {
  const issues = uploadMetadataIssues(metadata);
  if (issues.length > 0) {
    throw new CandidError('VALIDATION_FAILED', `Invalid request: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}.`, { issues });
  }
}

/**
 * Express middleware for the tus endpoint, before the tus handler: on a creation request (POST to
 * `collectionPath`, `Tus-Resumable: 1.0.0`) whose `Upload-Metadata` parses, applies
 * {@link assertUploadMetadata}. Anything else passes through untouched, so the tus request checks
 * keep answering malformed requests with their own codes.
 */
export function uploadMetadataGuard(collectionPath: string) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.method !== 'POST' || req.get('tus-resumable') !== '1.0.0' || req.path.replace(/\/$/, '') !== collectionPath) return next();
    const header = req.get('upload-metadata');
    if (header === undefined) return next();
    let parsed: Record<string, string | null | undefined>;
    try {
      parsed = Metadata.parse(header);
    } catch {
      return next();
    }
    assertUploadMetadata(parsed);
    next();
  };
}
