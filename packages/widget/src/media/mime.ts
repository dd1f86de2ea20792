import { AUDIO_MIME_CANDIDATES, MIME_CANDIDATES } from '../constants.js';

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

/** The audio-only recorder's type: Opus in WebM, else MP4 (Safari), else Ogg; null if none. */
export function negotiateAudioMimeType(isSupported: TypeSupportCheck | null = defaultCheck()): string | null {
  return negotiateMimeType(isSupported, AUDIO_MIME_CANDIDATES);
}

/** `video/webm;codecs=vp8,opus` → `video/webm`. */
export function baseMimeType(mimeType: string): string {
  return mimeType.split(';')[0]!.trim().toLowerCase();
}

/**
 * The type to declare for a file picked in the no-MediaRecorder fallback, or null if the server
 * would refuse it. QuickTime (`.mov`, iOS's camera) is ISO-BMFF with an `ftyp` box: declared MP4.
 */
export function uploadTypeOfFile(type: string, name = ''): string | null {
  const base = baseMimeType(type || '');
  if (base === 'video/webm' || base === 'video/mp4') return base;
  if (base === 'video/quicktime' || /\.(mov|mp4|m4v)$/i.test(name)) return 'video/mp4';
  if (/\.webm$/i.test(name)) return 'video/webm';
  return null;
}
