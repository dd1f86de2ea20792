#!/usr/bin/env bash
# Installs what the tests need beyond npm packages, when missing: Debian's Chromium (real
# camera/mic fakes), espeak-ng and sox (the spoken test answer), ffmpeg (the media pipeline).
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

missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/lib/chromium/chromium ] || missing+=(chromium)
command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
command -v sox >/dev/null 2>&1 || missing+=(sox)
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
[ ${#missing[@]} -eq 0 ] && exit 0

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
