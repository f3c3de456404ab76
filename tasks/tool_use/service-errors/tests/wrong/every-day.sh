# Wrong: counts ERROR lines of every day in the logs, not only 2024-03-12.
for f in logs/*.log; do echo "$(basename "$f" .log):$(awk '$2 == "ERROR"' "$f" | wc -l)"; done | sort -t: -k2 -rn | head -1
