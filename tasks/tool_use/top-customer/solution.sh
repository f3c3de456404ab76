head -5 orders.csv && wc -l orders.csv && cut -d, -f5 orders.csv | sort | uniq -c

awk -F, '$2 ~ /^2023-/ && $5 == "completed" {t[$3] += $4} END {for (c in t) printf "%.2f %s\n", t[c], c}' orders.csv | sort -rn | head -3

awk -F, '$2 ~ /^2023-/ && $5 == "completed" {t[$3] += $4} END {for (c in t) printf "%s:%.2f\n", c, t[c]}' orders.csv | sort -t: -k2 -rn | head -1
