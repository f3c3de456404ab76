ls logs && head -3 logs/*.log

for f in logs/*.log; do echo "$f $(awk '$1 ~ /^2024-03-12T/ && $2 == "ERROR"' "$f" | wc -l)"; done

for f in logs/*.log; do echo "$(basename "$f" .log):$(awk '$1 ~ /^2024-03-12T/ && $2 == "ERROR"' "$f" | wc -l)"; done | sort -t: -k2 -rn | head -1
