#!/usr/bin/env bash
# Generates deterministic test media for the browser tests (see design/feasibility.md §3).
#   fixtures/generated/speech.wav        : 48 kHz mono s16; 1 s silence, then three spoken sentences
#                                          separated by 2 s gaps, then 2 s silence (about 17.4 s).
#   fixtures/generated/speech-pauses.wav : 48 kHz mono s16; three sentences of clearly different
#                                          lengths, trimmed to the speech, separated by known silences
#                                          (1.0 s lead, 1.5 s, 3.0 s, 2.0 s tail); used by the VAD tests.
#   fixtures/generated/speech-pauses.json: the exact speech boundaries of speech-pauses.wav, in ms.
#   fixtures/generated/silence.wav       : 48 kHz mono s16, 10 s of very faint noise (-60 dBFS), no speech.
# Idempotent: each file is only made if missing (set FORCE=1 to rebuild all).
# Needs espeak-ng and sox (Debian: apt-get install espeak-ng sox).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out_dir="$root/fixtures/generated"
speech="$out_dir/speech.wav"
pauses="$out_dir/speech-pauses.wav"
pauses_json="$out_dir/speech-pauses.json"
silence="$out_dir/silence.wav"

fresh() { [[ -s "$1" && "${FORCE:-0}" != "1" ]]; }
bash "$root/scripts/make-hls-fixture.sh" # question-video (HLS) fixture, if ffmpeg is there
if fresh "$speech" && fresh "$pauses" && fresh "$pauses_json" && fresh "$silence"; then
  echo "make-fixtures: fixtures are up to date"
  exit 0
fi

for tool in espeak-ng sox soxi; do
  command -v "$tool" >/dev/null 2>&1 || { echo "make-fixtures: '$tool' not found (apt-get install espeak-ng sox)" >&2; exit 1; }
done

mkdir -p "$out_dir"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Write to a temp name first so an interrupted run never leaves a half-written fixture behind.
if ! fresh "$speech"; then
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
  sox "$work/sil1.wav" "$work/s1.48k.wav" "$work/sil2.wav" "$work/s2.48k.wav" "$work/sil2.wav" \
      "$work/s3.48k.wav" "$work/sil2.wav" "$work/speech.wav"
  mv "$work/speech.wav" "$speech"
  echo "make-fixtures: wrote $speech ($(soxi -D "$speech") s)"
fi

if ! fresh "$pauses" || ! fresh "$pauses_json"; then
  # Lengths differ by >1 s so a test can tell the sentences apart by duration alone.
  pause_sentences=(
    "Hello, thank you for having me."
    "I have built web applications for five years, mostly for small teams."
    "I enjoy working with people, and I like hard problems."
  )
  # Silence before each sentence, and after the last one (seconds).
  gaps=(1.0 1.5 3.0)
  tail_gap=2.0
  parts=()
  json='{"file":"speech-pauses.wav","speech":['
  t=0
  i=0
  for s in "${pause_sentences[@]}"; do
    espeak-ng -v en-us -s 150 -w "$work/p$i.raw.wav" "$s"
    # Trim espeak's own leading/trailing silence so the boundaries below are the speech itself.
    sox "$work/p$i.raw.wav" -r 48000 -c 1 -b 16 "$work/p$i.wav" \
        silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse
    sox -n -r 48000 -c 1 -b 16 "$work/g$i.wav" trim 0 "${gaps[$i]}"
    parts+=("$work/g$i.wav" "$work/p$i.wav")
    d="$(soxi -D "$work/p$i.wav")"
    start="$(awk -v a="$t" -v b="${gaps[$i]}" 'BEGIN { printf "%.6f", a + b }')"
    t="$(awk -v a="$start" -v b="$d" 'BEGIN { printf "%.6f", a + b }')"
    [[ $i -gt 0 ]] && json+=','
    json+="$(awk -v a="$start" -v b="$t" 'BEGIN { printf "{\"startMs\":%.0f,\"endMs\":%.0f}", a * 1000, b * 1000 }')"
    i=$((i + 1))
  done
  sox -n -r 48000 -c 1 -b 16 "$work/tail.wav" trim 0 "$tail_gap"
  sox "${parts[@]}" "$work/tail.wav" "$work/pauses.wav"
  total="$(soxi -D "$work/pauses.wav")"
  json+="$(awk -v a="$total" 'BEGIN { printf "],\"durationMs\":%.0f}", a * 1000 }')"
  mv "$work/pauses.wav" "$pauses"
  echo "$json" > "$pauses_json"
  echo "make-fixtures: wrote $pauses ($total s) and $pauses_json: $json"
fi

if ! fresh "$silence"; then
  sox -n -r 48000 -c 1 -b 16 "$work/silence.wav" synth 10 whitenoise vol 0.001
  mv "$work/silence.wav" "$silence"
  echo "make-fixtures: wrote $silence ($(soxi -D "$silence") s)"
fi
