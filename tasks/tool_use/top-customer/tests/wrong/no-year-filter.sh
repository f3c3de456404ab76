# Wrong: completed orders of every year, not only 2023.
awk -F, '$5 == "completed" {t[$3] += $4} END {for (c in t) printf "%s:%.2f\n", c, t[c]}' orders.csv | sort -t: -k2 -rn | head -1
