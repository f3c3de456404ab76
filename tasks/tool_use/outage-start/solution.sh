ls -la logs && head -2 logs/access.log && zcat logs/access.log.3.gz | head -2

(zcat logs/access.log.3.gz logs/access.log.2.gz; cat logs/access.log.1 logs/access.log) | awk '{print $9}' | sort | uniq -c

(zcat logs/access.log.3.gz logs/access.log.2.gz; cat logs/access.log.1 logs/access.log) | awk '{m = substr($4, 2, 17); t[m]++; if ($9 ~ /^5/) b[m]++} END {for (m in t) if (b[m] * 2 > t[m]) print m, b[m], t[m]}' | head -20

python3 - <<'EOF'
import gzip, glob, datetime as dt
from collections import Counter
total, bad = Counter(), Counter()
for f in glob.glob("logs/access.log*"):
    data = gzip.open(f, "rt") if f.endswith(".gz") else open(f)
    for line in data:
        parts = line.split()
        minute = dt.datetime.strptime(parts[3][1:18], "%d/%b/%Y:%H:%M")
        total[minute] += 1
        bad[minute] += parts[8].startswith("5")
print(min(m for m in total if bad[m] * 2 > total[m]).strftime("%Y-%m-%d %H:%M"))
EOF
