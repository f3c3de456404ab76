# Plausible mistake: writes the manifest in find's order.

cat README.md backup.sh backup.exclude

mkdir -p /tmp/bk/data/"team notes" /tmp/bk/data/cache /tmp/bk/data/.cfg && echo a > "/tmp/bk/data/team notes/- todo.md" && echo b > /tmp/bk/data/.env && echo c > /tmp/bk/data/cache/x && echo d > /tmp/bk/data/.cfg/k && ln -sf ../.env /tmp/bk/data/cache/../link && cd /tmp/bk && bash "$OLDPWD/backup.sh" data out 2024-01-01; echo "exit $?"; tar -tzf out/2024-01-01.tar.gz; cat out/2024-01-01.sha256

cat > backup.sh <<'SH'
#!/bin/bash
# Nightly backup of a data folder (ops runbook OPS-14).
#   bash backup.sh <data dir> <output dir> <date>
# writes <output dir>/<date>.tar.gz and <output dir>/<date>.sha256 (see README.md).
set -euo pipefail
SRC=$1
OUT=$2
DATE=$3
HERE=$(cd -- "$(dirname -- "$0")" && pwd)
mkdir -p -- "$OUT"
OUT=$(cd -- "$OUT" && pwd)
LIST=$(mktemp)
trap 'rm -f -- "$LIST"' EXIT
mapfile -t patterns < "$HERE/backup.exclude"
cd -- "$SRC"
# every regular file and symlink, NUL-separated (any character in names), in byte order
while IFS= read -r -d '' f; do
    f=${f#./}
    skip=0
    for pattern in "${patterns[@]}"; do
        [ -n "$pattern" ] || continue
        case "$f" in $pattern) skip=1;; esac
    done
    [ "$skip" = 1 ] || printf '%s\0' "$f" >> "$LIST"
done < <(find . \( -type f -o -type l \) -print0)
tar --null --verbatim-files-from -czf "$OUT/$DATE.tar.gz" -T "$LIST"
: > "$OUT/$DATE.sha256"
while IFS= read -r -d '' f; do
    if [ -f "$f" ] && [ ! -L "$f" ]; then
        sha256sum -- "$f" >> "$OUT/$DATE.sha256"
    fi
done < "$LIST"
SH
bash -n backup.sh && echo syntax ok

rm -rf /tmp/bk/out && cd /tmp/bk && echo e > "/tmp/bk/data/--help" && mkdir -p /tmp/bk/data/app/cache && echo f > /tmp/bk/data/app/cache/y && echo g > /tmp/bk/data/draft.tmp && bash "$OLDPWD/backup.sh" data out 2024-01-01; echo "exit $?"; tar -tvzf out/2024-01-01.tar.gz; cat out/2024-01-01.sha256

rm -rf /tmp/bk; echo done
