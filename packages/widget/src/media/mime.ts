import { APPLE_AUDIO_MIME_CANDIDATES, APPLE_MIME_CANDIDATES, AUDIO_MIME_CANDIDATES, MIME_CANDIDATES } from '../constants.js';

export type TypeSupportCheck = (mimeType: string) => boolean;

function defaultCheck(): TypeSupportCheck | null {
  const Recorder = (globalThis as { MediaRecorder?: typeof MediaRecorder }).MediaRecorder;
  if (!Recorder || typeof Recorder.isTypeSupported !== 'function') return null;
  return (type) => Recorder.isTypeSupported(type);
}

/**
 * Every container/codec combination the browser says it can record, in order of preference; empty
 * when none (or MediaRecorder is missing). The recorder tries them in turn until one really
 * produces a file (see `RecorderController`).
 */
export function recordableTypes(isSupported: TypeSupportCheck | null = defaultCheck(), candidates: readonly string[] = MIME_CANDIDATES): string[] {
  if (!isSupported) return [];
  return candidates.filter((type) => {
    try {
      return isSupported(type);
    } catch {
      return false; // some engines throw on unknown parameters: unsupported
    }
  });
}

/** The first type `recordableTypes` offers, or null. */
export function negotiateMimeType(isSupported: TypeSupportCheck | null = defaultCheck(), candidates: readonly string[] = MIME_CANDIDATES): string | null {
  if (!isSupported) return null;
  for (const type of candidates) {
    try {
      if (isSupported(type)) return type;
    } catch {
      // unsupported
    }
  }
  return null;
}

/** The audio-only recorder's type: Opus in WebM, else MP4 (Safari), else Ogg; null if none. */
export function negotiateAudioMimeType(isSupported: TypeSupportCheck | null = defaultCheck()): string | null {
  return negotiateMimeType(isSupported, AUDIO_MIME_CANDIDATES);
}

/**
 * Apple's WebKit (Safari on macOS and every iOS browser), told by its media API rather than by the
 * user agent: only it has AirPlay's `webkitCurrentPlaybackTargetIsWireless`.
 */
export function isAppleWebKit(): boolean {
  const Media = (globalThis as { HTMLMediaElement?: typeof HTMLMediaElement }).HTMLMediaElement;
  return !!Media && 'webkitCurrentPlaybackTargetIsWireless' in Media.prototype;
}

/** Preferences for a track kind on this engine (see `APPLE_MIME_CANDIDATES`). */
export function candidateTypes(kind: 'video' | 'audio', apple = isAppleWebKit()): readonly string[] {
  if (kind === 'audio') return apple ? APPLE_AUDIO_MIME_CANDIDATES : AUDIO_MIME_CANDIDATES;
  return apple ? APPLE_MIME_CANDIDATES : MIME_CANDIDATES;
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
