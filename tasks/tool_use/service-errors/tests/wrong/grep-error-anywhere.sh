# Wrong (the trap): counts every line that mentions ERROR on that day, not lines at level ERROR.
for f in logs/*.log; do echo "$(basename "$f" .log):$(grep '^2024-03-12T' "$f" | grep -c ERROR)"; done | sort -t: -k2 -rn | head -1
