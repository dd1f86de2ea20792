import { MIME_CANDIDATES } from '../constants.js';

export type TypeSupportCheck = (mimeType: string) => boolean;

function defaultCheck(): TypeSupportCheck | null {
  const Recorder = (globalThis as { MediaRecorder?: typeof MediaRecorder }).MediaRecorder;
  if (!Recorder || typeof Recorder.isTypeSupported !== 'function') return null;
  return (type) => Recorder.isTypeSupported(type);
}

/**
 * Picks the first container/codec combination the browser can record, in order of preference:
 * WebM VP8/Opus (Chromium, Firefox), plain WebM, then MP4 (Safari). Returns null when nothing
 * fits (or MediaRecorder is missing).
 */
export function negotiateMimeType(
  isSupported: TypeSupportCheck | null = defaultCheck(),
  candidates: readonly string[] = MIME_CANDIDATES,
): string | null {
  if (!isSupported) return null;
  for (const type of candidates) {
    try {
      if (isSupported(type)) return type;
    } catch {
      // Some engines throw on unknown parameters: treat as unsupported.
    }
  }
  return null;
}

/** `video/webm;codecs=vp8,opus` → `video/webm`. */
export function baseMimeType(mimeType: string): string {
  return mimeType.split(';')[0]!.trim().toLowerCase();
}
