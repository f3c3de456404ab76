# Wrong: the right customer without the total the instruction asks for.
awk -F, '$2 ~ /^2023-/ && $5 == "completed" {t[$3] += $4} END {for (c in t) printf "%.2f\t%s\n", t[c], c}' orders.csv | sort -rn | head -1 | cut -f2
