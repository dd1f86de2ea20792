#!/usr/bin/env bash
# A 4 s HLS stream (H.264/AAC in fMP4 segments, as feasibility.md §7) and WebVTT captions for the
# question-video tests: fixtures/generated/hls/{index.m3u8,init.mp4,index*.m4s,captions.vtt}.
# Idempotent (FORCE=1 rebuilds). Needs ffmpeg; without it, says so and makes nothing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/fixtures/generated/hls"
if [[ -s "$dir/index.m3u8" && -s "$dir/captions.vtt" && "${FORCE:-0}" != "1" ]]; then exit 0; fi
command -v ffmpeg >/dev/null 2>&1 || { echo "make-hls-fixture: ffmpeg not found (apt-get install ffmpeg)" >&2; exit 0; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ffmpeg -v error -y -f lavfi -i testsrc=duration=4:size=320x240:rate=30 -f lavfi -i sine=frequency=440:duration=4 \
  -c:v libx264 -preset veryfast -pix_fmt yuv420p -g 60 -c:a aac -b:a 64k \
  -hls_segment_type fmp4 -f hls -hls_time 2 -hls_playlist_type vod "$work/index.m3u8"
printf 'WEBVTT\n\n00:00.000 --> 00:04.000\nTell us about a hard problem you solved.\n' > "$work/captions.vtt"
rm -rf "$dir"
mkdir -p "$(dirname "$dir")"
mv "$work" "$dir"
trap - EXIT
echo "make-hls-fixture: wrote $dir ($(ls "$dir" | tr '\n' ' '))"
