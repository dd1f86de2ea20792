import { baseMimeType } from './mime.js';

/**
 * Whether `head` (a recorder's first bytes) starts the container `mimeType` names: WebM's EBML
 * header, MP4's `ftyp` box, Ogg's capture pattern. A recorder that emits something else (or
 * nothing) is not producing a playable file. Unknown containers pass when not empty.
 */
export function startsContainer(mimeType: string, head: Uint8Array): boolean {
  if (head.length === 0) return false;
  const base = baseMimeType(mimeType);
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (base.endsWith('/webm')) return head.length >= 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3;
  if (base.endsWith('/mp4')) return head.length >= 8 && ascii(4, 8) === 'ftyp';
  if (base.endsWith('/ogg')) return head.length >= 4 && ascii(0, 4) === 'OggS';
  return true;
}

/** Bytes `startsContainer` reads. */
export const CONTAINER_HEAD_BYTES = 12;

/** Bytes needed before `startsContainer` can tell for `mimeType` (a recorder may start with a 1-byte chunk). */
export function headBytesNeeded(mimeType: string): number {
  const base = baseMimeType(mimeType);
  if (base.endsWith('/mp4')) return 8;
  if (base.endsWith('/webm') || base.endsWith('/ogg')) return 4;
  return 1;
}
