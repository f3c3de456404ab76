# Wrong (the trap): counts refunded and cancelled orders too.
awk -F, 'NR > 1 && $2 ~ /^2023-/ {t[$3] += $4} END {for (c in t) printf "%s:%.2f\n", c, t[c]}' orders.csv | sort -t: -k2 -rn | head -1
