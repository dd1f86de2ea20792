import { CandidError } from '../errors.js';

export const HLS_MIME_TYPE = 'application/vnd.apple.mpegurl';

/** Where the playlist's media lives, relative to the playlist's own URL (`…/media/<answer>?rendition=hls`). */
export const HLS_MEDIA_URI = '?rendition=fmp4';

/**
 * Points a single-file fMP4 playlist made by ffmpeg at the `fmp4` rendition: every URI (the
 * `EXT-X-MAP` init section and each segment) must name `mediaFile` and becomes {@link HLS_MEDIA_URI},
 * a query-only relative reference, so the playlist works under any mount path or ATS proxy that
 * forwards the query. Anything else in the playlist is a bug upstream: refused, not served.
 */
export function pointPlaylistAtRendition(playlist: string, mediaFile: string): string {
  const lines = playlist.split(/\r?\n/);
  if (lines[0] !== '#EXTM3U') throw new CandidError('INTERNAL', 'ffmpeg wrote no HLS playlist header.');
  let segments = 0;
  let hasMap = false;
  const out = lines.map((line) => {
    if (line.startsWith('#EXT-X-MAP:')) {
      const uri = /URI="([^"]*)"/.exec(line)?.[1];
      if (uri !== mediaFile || !/BYTERANGE="\d+@\d+"/.test(line)) throw new CandidError('INTERNAL', `Unexpected HLS init section: ${line}`);
      hasMap = true;
      return line.replace(`URI="${mediaFile}"`, `URI="${HLS_MEDIA_URI}"`);
    }
    if (line === '' || line.startsWith('#')) return line;
    if (line !== mediaFile) throw new CandidError('INTERNAL', `Unexpected HLS segment URI: ${line}`);
    segments += 1;
    return HLS_MEDIA_URI;
  });
  if (!hasMap || segments === 0 || !lines.includes('#EXT-X-ENDLIST')) throw new CandidError('INTERNAL', 'The HLS playlist lacks an init section, segments or its end.');
  return out.join('\n');
}
