#!/bin/bash
# Nightly backup of a data folder (ops runbook OPS-14).
#   bash backup.sh <data dir> <output dir> <date>
# writes <output dir>/<date>.tar.gz and <output dir>/<date>.sha256 (see README.md).
set -e
SRC=$1
OUT=$2
DATE=$3
mkdir -p "$OUT"
LIST=$(mktemp)
cd "$SRC"
for f in $(find * -type f); do
    skip=0
    while read -r pattern; do
        case "$f" in $pattern) skip=1;; esac
    done < "$(dirname "$0")/backup.exclude"
    [ $skip = 1 ] || echo "$f" >> "$LIST"
done
tar -czf "$OUT/$DATE.tar.gz" -T "$LIST"
sha256sum $(cat "$LIST") > "$OUT/$DATE.sha256"
rm -f "$LIST"
