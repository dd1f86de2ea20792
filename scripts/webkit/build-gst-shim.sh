#!/usr/bin/env bash
# Builds scripts/webkit/autovideoflip.c into .cache/gst-plugins/ when the system's GStreamer is older
# than 1.24 (WebKitGTK 2.50 records video through `autovideoflip`, new in 1.24). The browser test
# configuration puts that folder on GST_PLUGIN_PATH. Idempotent: rebuilt only when the source changes.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/.cache/gst-plugins"
source="$root/scripts/webkit/autovideoflip.c"
version="$(pkg-config --modversion gstreamer-1.0 2>/dev/null || echo 0)"
if [ "$(printf '%s\n1.24\n' "$version" | sort -V | head -1)" = '1.24' ]; then exit 0; fi # 1.24 or newer: not needed
library="$out/libgstautovideoflipshim.so"
[ -f "$library" ] && [ "$library" -nt "$source" ] && exit 0
mkdir -p "$out"
# shellcheck disable=SC2046 # pkg-config prints several flags
gcc -shared -fPIC -O2 -Wall -o "$library" "$source" $(pkg-config --cflags --libs gstreamer-1.0)
echo "[test-setup] built the GStreamer autovideoflip shim for WebKit (GStreamer $version): $library"
