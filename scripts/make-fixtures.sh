#!/usr/bin/env bash
# Generates deterministic test media for the browser tests (see design/feasibility.md §3).
#   fixtures/generated/speech.wav : 48 kHz mono s16; 1 s silence, then three spoken sentences
#                                   separated by 2 s gaps, then 2 s silence (about 17.4 s).
# Idempotent: does nothing if the output exists (set FORCE=1 to rebuild).
# Needs espeak-ng and sox (Debian: apt-get install espeak-ng sox).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out_dir="$root/fixtures/generated"
out="$out_dir/speech.wav"

if [[ -s "$out" && "${FORCE:-0}" != "1" ]]; then
  echo "make-fixtures: $out is up to date"
  exit 0
fi

for tool in espeak-ng sox; do
  command -v "$tool" >/dev/null 2>&1 || { echo "make-fixtures: '$tool' not found (apt-get install espeak-ng sox)" >&2; exit 1; }
done

mkdir -p "$out_dir"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

sentences=(
  "Hello, thank you for joining this interview today."
  "I have five years of experience building web applications."
  "I enjoy working with people and solving difficult problems."
)

i=1
for s in "${sentences[@]}"; do
  espeak-ng -v en-us -s 150 -w "$work/s$i.wav" "$s"
  sox "$work/s$i.wav" -r 48000 -c 1 -b 16 "$work/s$i.48k.wav"
  i=$((i + 1))
done
sox -n -r 48000 -c 1 -b 16 "$work/sil1.wav" trim 0 1.0
sox -n -r 48000 -c 1 -b 16 "$work/sil2.wav" trim 0 2.0

# Write to a temp name first so an interrupted run never leaves a half-written fixture behind.
sox "$work/sil1.wav" "$work/s1.48k.wav" "$work/sil2.wav" "$work/s2.48k.wav" "$work/sil2.wav" \
    "$work/s3.48k.wav" "$work/sil2.wav" "$work/speech.wav"
mv "$work/speech.wav" "$out"
echo "make-fixtures: wrote $out ($(soxi -D "$out") s)"
