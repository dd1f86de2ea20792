#!/usr/bin/env bash
# Installs what the tests need beyond npm packages, when missing: Debian's Chromium, Firefox ESR and
# WebKitGTK (real engines with fake camera/mic), espeak-ng and sox (the spoken test answer), ffmpeg
# (the media pipeline); then builds the GStreamer shim WebKit needs to record video.
# Idempotent and quiet when done. Used by `npm test` (scripts/test.mjs) and CI (.ci/run).
#
# Another apt-get or dpkg (unattended-upgrades, a second CI job) may hold the package manager's
# locks: this waits for them (up to CANDID_APT_LOCK_TIMEOUT seconds, default 600) and says which
# process it is waiting for, instead of failing at once.
set -euo pipefail
APT_LOCK_TIMEOUT="${CANDID_APT_LOCK_TIMEOUT:-600}"
# shellcheck disable=SC2206 # a space-separated list, overridable for tests
APT_LOCKS=(${CANDID_APT_LOCKS:-/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock /var/cache/apt/archives/lock})

say() { echo "[test-setup] $*"; }

# "<lock file> held by process <pid> (<command>)" for the first held apt/dpkg lock, or nothing.
# apt and dpkg take POSIX (fcntl) locks: /proc/locks lists them by inode.
lock_holder() {
  local file inode pid
  for file in "${APT_LOCKS[@]}"; do
    [ -e "$file" ] || continue
    inode=$(stat -c %i "$file")
    pid=$(awk -v ino="$inode" '$2 != "->" { n = split($6, id, ":"); if (id[n] == ino) { print $5; exit } }' /proc/locks 2>/dev/null || true)
    if [ -n "$pid" ]; then
      echo "$file held by process $pid ($(cat "/proc/$pid/comm" 2>/dev/null || echo 'gone'))"
      return
    fi
  done
}

wait_for_apt_locks() {
  local holder waited=0
  holder=$(lock_holder)
  [ -z "$holder" ] && return 0
  say "waiting for the package manager: $holder; another apt-get or dpkg is running (waiting up to ${APT_LOCK_TIMEOUT} s)"
  while [ -n "$holder" ]; do
    if [ "$waited" -ge "$APT_LOCK_TIMEOUT" ]; then
      say "gave up after ${waited} s: $holder" >&2
      return 1
    fi
    sleep 2
    waited=$((waited + 2))
    holder=$(lock_holder)
    if [ -n "$holder" ] && [ $((waited % 30)) -eq 0 ]; then say "still waiting after ${waited} s: $holder"; fi
  done
  say "the package manager is free (waited ${waited} s)"
}

# The browser engines, with fake camera and microphone: Chromium; Firefox ESR (headless); and, when
# CANDID_ENGINES names webkit, WebKitGTK's MiniBrowser through WebKitWebDriver under Xvfb, recording
# through GStreamer (gcc, pkg-config and the GStreamer headers build the small plugin WebKit needs
# on GStreamer 1.22: scripts/webkit/build-gst-shim.sh).
PACKAGES=(chromium espeak-ng sox ffmpeg firefox-esr)
# WebKit is opt-in (CANDID_ENGINES=chromium,firefox,webkit): its packages only when asked for.
WEBKIT=0
case ",${CANDID_ENGINES:-chromium,firefox}," in *,webkit,*) WEBKIT=1 ;; esac
if [ "$WEBKIT" = 1 ]; then
  PACKAGES+=(
    webkit2gtk-driver libwebkit2gtk-4.1-0 xvfb xauth
    gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-libav gstreamer1.0-gl
    gcc pkg-config libgstreamer1.0-dev
  )
fi
build_webkit_shim() { if [ "$WEBKIT" = 1 ]; then bash "$(dirname "$0")/webkit/build-gst-shim.sh"; fi; }
installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = 'install ok installed' ]; }
missing=()
for package in "${PACKAGES[@]}"; do installed "$package" || missing+=("$package"); done
if [ ${#missing[@]} -eq 0 ]; then
  build_webkit_shim
  exit 0
fi

if [ "$(id -u)" = 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  say "missing ${missing[*]}: install them (Debian: apt-get install ${missing[*]}) and rerun." >&2
  exit 1
fi
# DPkg::Lock::Timeout: apt itself waits for the dpkg lock too (a lock taken between our check and its start).
apt_get() { "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout="$APT_LOCK_TIMEOUT" "$@"; }

say "installing ${missing[*]} from Debian's packages"
wait_for_apt_locks
apt_get update -qq
wait_for_apt_locks
apt_get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
build_webkit_shim
