import type { Response } from 'express';
import { HLS_MIME_TYPE } from '../media/hls-playlist.js';

/**
 * Media types as the API accepts and echoes them. A client's `mimeType` (tus `Upload-Metadata`) is
 * stored and later echoed in headers (`Content-Type` of the media route, the S3 object, the
 * transcription upload), so it must be one strict `type/subtype` with at most an allow-listed
 * `codecs` parameter: no CR/LF, no quotes that end early, no other parameters.
 */

export interface MediaType {
  /** Lower-case `type/subtype`, e.g. `video/webm`. */
  essence: string;
  type: string;
  subtype: string;
  /** The `codecs` parameter, split (`['vp8', 'opus']`); empty without one. */
  codecs: string[];
}

/** RFC 6838 `restricted-name`. */
const NAME = '[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}';
/** One codec string: `vp8`, `opus`, `avc1.42E01E`, `mp4a.40.2`, `vp09.00.10.08`, `av01.0.04M.08`. */
const CODEC = '[A-Za-z0-9][A-Za-z0-9._+-]{0,63}';
const CODEC_LIST = `${CODEC}(?:, ?${CODEC}){0,7}`;
/**
 * `type/subtype`, optionally `;codecs=<list>` or `; codecs="<list>"` (what MediaRecorder and
 * `canPlayType` spell). The only parameter accepted is `codecs`.
 */
const MEDIA_TYPE = new RegExp(`^(${NAME})/(${NAME})(?: ?; ?codecs=(?:"(${CODEC_LIST})"|(${CODEC_LIST})))?$`, 'i');

/** Longest media type accepted (the uploads table stores at most 100 characters). */
export const MAX_MEDIA_TYPE_LENGTH = 100;

/** The parsed media type, or null for anything that is not strictly `type/subtype[;codecs=…]`. */
export function parseMediaType(value: unknown): MediaType | null {
  if (typeof value !== 'string' || value.length > MAX_MEDIA_TYPE_LENGTH) return null;
  const match = MEDIA_TYPE.exec(value);
  if (!match) return null;
  const type = match[1]!.toLowerCase();
  const subtype = match[2]!.toLowerCase();
  const list = match[3] ?? match[4];
  return { essence: `${type}/${subtype}`, type, subtype, codecs: list ? list.split(',').map((c) => c.trim()) : [] };
}

/** What an upload may declare as its `mimeType`: the containers the server can sniff. */
export const UPLOAD_MEDIA_TYPES = ['video/webm', 'video/mp4', 'audio/webm', 'audio/mp4', 'audio/ogg'] as const;

/**
 * The upload `mimeType` check, for the tus creation request (`Upload-Metadata`): null when
 * acceptable, else why not. Strict syntax first (a malformed value is a 400), then the allow-list
 * (a well-formed but unsupported type is a 415).
 */
export function uploadMediaTypeProblem(value: unknown): { status: 400 | 415; message: string } | null {
  const parsed = parseMediaType(value);
  if (!parsed) {
    return { status: 400, message: 'must be a media type such as video/webm or video/webm;codecs=vp8,opus (type/subtype, and only a codecs parameter)' };
  }
  if (!(UPLOAD_MEDIA_TYPES as readonly string[]).includes(parsed.essence)) {
    return { status: 415, message: `${parsed.essence} is not accepted; use ${UPLOAD_MEDIA_TYPES.join(', ')}` };
  }
  return null;
}

/** Media the media route may name in `Content-Type`; anything else stored goes out as octet-stream. */
const SERVED_MEDIA_TYPES: readonly string[] = [...UPLOAD_MEDIA_TYPES, HLS_MIME_TYPE];

/**
 * The `Content-Type` for stored media: the essence of a stored type that parses strictly and is
 * one the server serves, else `application/octet-stream`. Stored values are checked again here
 * because rows written before a check existed (or by another path) reach this header.
 */
export function mediaContentType(stored: unknown): string {
  const parsed = parseMediaType(stored);
  return parsed && SERVED_MEDIA_TYPES.includes(parsed.essence) ? parsed.essence : 'application/octet-stream';
}

const EXTENSIONS: Record<string, string> = {
  'video/webm': 'webm', 'audio/webm': 'webm', 'video/mp4': 'mp4', 'audio/mp4': 'm4a', 'audio/ogg': 'ogg', [HLS_MIME_TYPE]: 'm3u8', 'application/x-tar': 'tar',
  'application/x-ndjson': 'ndjson',
};

/** The usual file extension of a served media type (`bin` when unknown). */
export function extensionFor(contentType: string): string {
  return EXTENSIONS[contentType] ?? 'bin';
}

/**
 * A `Content-Disposition` value with a filename that cannot break the header: characters outside
 * `[A-Za-z0-9._-]` become `_`, length is capped, and a leading dot is removed.
 */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const safe = filename.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '').slice(0, 150) || 'download';
  return `${kind}; filename="${safe}"`;
}

/** For every media, rendition and export response: nothing in them may run, sniff or frame. */
export const MEDIA_CSP = "default-src 'none'; sandbox";

/**
 * Sets the headers every stored-file response carries: `Content-Type` (checked), `Content-Disposition`
 * (`inline` for media a `<video>` plays, `attachment` for downloads), `X-Content-Type-Options:
 * nosniff` and `Content-Security-Policy: default-src 'none'; sandbox`.
 */
export function setStoredFileHeaders(res: Response, options: { contentType: string; disposition: 'inline' | 'attachment'; filename: string }): void {
  res.setHeader('Content-Type', options.contentType);
  res.setHeader('Content-Disposition', contentDisposition(options.disposition, options.filename));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', MEDIA_CSP);
}
