import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HLS_MEDIA_URI, pointPlaylistAtRendition } from '../src/media/hls-playlist.js';

// What ffmpeg's hls muxer writes with `-hls_segment_type fmp4 -hls_flags single_file`.
const FFMPEG_PLAYLIST = [
  '#EXTM3U',
  '#EXT-X-VERSION:7',
  '#EXT-X-TARGETDURATION:4',
  '#EXT-X-MEDIA-SEQUENCE:0',
  '#EXT-X-PLAYLIST-TYPE:VOD',
  '#EXT-X-MAP:URI="media.mp4",BYTERANGE="1374@0"',
  '#EXTINF:4.000000,',
  '#EXT-X-BYTERANGE:59863@1374',
  'media.mp4',
  '#EXTINF:1.000000,',
  '#EXT-X-BYTERANGE:16747@61237',
  'media.mp4',
  '#EXT-X-ENDLIST',
  '',
].join('\n');

describe('HLS playlist pointed at the fmp4 rendition', () => {
  it('rewrites the init section and every segment to the relative rendition URL, keeping the byte ranges', () => {
    const pointed = pointPlaylistAtRendition(FFMPEG_PLAYLIST, 'media.mp4');
    assert.equal(pointed, FFMPEG_PLAYLIST.replaceAll('media.mp4', HLS_MEDIA_URI));
    assert.equal(new URL(HLS_MEDIA_URI, 'https://ats.example/candid/v1/sessions/s/media/a?rendition=hls').href, 'https://ats.example/candid/v1/sessions/s/media/a?rendition=fmp4');
  });

  it('refuses a playlist it does not understand instead of serving a broken one', () => {
    const broken = [
      FFMPEG_PLAYLIST.replace('#EXTM3U', '#EXT'),
      FFMPEG_PLAYLIST.replace(/\nmedia\.mp4\n#EXTINF:1/, '\nother.mp4\n#EXTINF:1'),
      FFMPEG_PLAYLIST.replace('URI="media.mp4",BYTERANGE="1374@0"', 'URI="init.mp4"'),
      FFMPEG_PLAYLIST.replace('#EXT-X-ENDLIST', ''),
      FFMPEG_PLAYLIST.split('\n').filter((l) => l !== 'media.mp4').join('\n'),
    ];
    for (const playlist of broken) assert.throws(() => pointPlaylistAtRendition(playlist, 'media.mp4'), { code: 'INTERNAL' }, playlist);
  });
});
