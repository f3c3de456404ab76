#!/usr/bin/env bash
# Build a minimal Debian root filesystem as a tarball, for hosts where no registry can be
# reached to pull a base image. The mirror is the one this machine's apt already uses.
# Usage: bash sandboxes/debian_base.sh SUITE PACKAGES_FILE OUTPUT.tar  (as root; PACKAGES_FILE may be /dev/null)
set -euo pipefail

suite=$1
packages_file=$2
out=$3

apt_mirror() {
  # First Debian archive URI that apt on this machine uses for $suite (one-line or deb822 format).
  local files=() f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [[ -f $f ]] && files+=("$f")
  done
  ((${#files[@]})) || return 0
  awk -v suite="$suite" '
    FNR == 1 { uris = ""; suites = ""; types = "" }
    /^[[:space:]]*#/ { next }
    FILENAME ~ /\.list$/ && $1 == "deb" {
      i = 2; if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
      if ($(i + 1) == suite) { print $i; exit }
      next
    }
    FILENAME ~ /\.sources$/ {
      if ($0 ~ /^[[:space:]]*$/) { uris = ""; suites = ""; types = ""; next }
      if ($1 == "Types:") types = $0
      if ($1 == "URIs:") uris = $2
      if ($1 == "Suites:") suites = " " $0 " "
      if (types ~ / deb( |$)/ && uris != "" && suites ~ (" " suite " ")) { print uris; exit }
    }
  ' "${files[@]}"
}

mirror=$(apt_mirror)
if [[ -z $mirror ]]; then
  echo "no apt source for Debian $suite in /etc/apt/sources.list*; add one and rerun" >&2
  exit 1
fi
command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }

rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT
log="$out.log"
include=$(grep -v '^[[:space:]]*\(#\|$\)' "$packages_file" | paste -sd, || true)
if ! debootstrap --variant=minbase ${include:+--include="$include"} \
    "$suite" "$rootfs" "$mirror" >"$log" 2>&1; then
  echo "debootstrap failed (mirror $mirror); last lines of $log:" >&2
  tail -n 5 "$log" >&2
  exit 1
fi
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/*.log
tar --numeric-owner -C "$rootfs" -cf "$out.partial" .
mv "$out.partial" "$out"
rm -f "$log"
