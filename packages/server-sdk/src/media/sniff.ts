import { UPLOAD_MEDIA_TYPES, parseMediaType } from '../http/media-type.js';

/** Container families we accept, recognised by their magic bytes rather than by what the client claims. */
export type Container = 'webm' | 'mp4' | 'ogg';

export function sniffContainer(head: Uint8Array): Container | null {
  if (head.length >= 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return 'webm';
  if (head.length >= 8 && head[4] === 0x66 && head[5] === 0x74 && head[6] === 0x79 && head[7] === 0x70) return 'mp4';
  if (head.length >= 4 && head[0] === 0x4f && head[1] === 0x67 && head[2] === 0x67 && head[3] === 0x53) return 'ogg';
  return null;
}

/**
 * The container a declared mime type implies (`video/webm;codecs=vp8,opus` → `webm`); null unless
 * the type parses strictly (`parseMediaType`: no CR/LF, no parameter but `codecs`) and is one of
 * the accepted upload types. Every path that accepts or re-checks a stored mime type goes through
 * here, so a value that could break a header is refused where it comes in.
 */
export function containerOfMimeType(mimeType: string): Container | null {
  const parsed = parseMediaType(mimeType);
  if (!parsed || !(UPLOAD_MEDIA_TYPES as readonly string[]).includes(parsed.essence)) return null;
  return parsed.subtype as Container;
}
