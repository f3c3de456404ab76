ls -la logs && zcat -f logs/access-20250308.log.gz | head -3

zcat -f logs/* | awk '{print $1}' | sort | uniq -c | head

zcat -f logs/* | grep -c 'POST /api/login'

python3 - <<'PY'
import glob, gzip, re
from collections import Counter
LINE = re.compile(r'\[([^\]]+)\] "(\S+) (\S+) [^"]*" (\d+) (\d+) .* xff="([^"]+)"')
fails, ok = Counter(), Counter()
for name in sorted(glob.glob("logs/access-*")):
    opener = gzip.open if name.endswith(".gz") else open
    with opener(name, "rt") as f:
        for line in f:
            m = LINE.search(line)
            if m and m.group(3) == "/api/login":
                (ok if m.group(4) == "200" else fails)[m.group(6)] += 1
for ip, n in fails.most_common(6):
    print(ip, "fails", n, "ok", ok[ip])
PY

python3 - <<'PY' > /tmp/attack.txt
import glob, gzip, re
from datetime import datetime
LINE = re.compile(r'\[([^\]]+)\] "(\S+) (\S+) [^"]*" (\d+) (\d+) .* xff="([^"]+)"')
rows = []
for name in sorted(glob.glob("logs/access-*")):
    opener = gzip.open if name.endswith(".gz") else open
    with opener(name, "rt") as f:
        for line in f:
            m = LINE.search(line)
            if m:
                t = datetime.strptime(m.group(1), "%d/%b/%Y:%H:%M:%S %z")
                rows.append((t, m.group(6), m.group(3), int(m.group(4)), int(m.group(5))))
rows.sort(key=lambda r: r[0])
streak, first_ok, attackers = {}, {}, []
for t, ip, path, status, size in rows:
    if path == "/api/login" and ip not in first_ok:
        if status == 200:
            first_ok[ip] = t
            if streak.get(ip, 0) >= 20:
                attackers.append(ip)
        else:
            streak[ip] = streak.get(ip, 0) + 1
print(attackers)
for ip in attackers:
    total = sum(size for t, i, path, status, size in rows
                if i == ip and path.startswith("/api/export/") and status == 200 and t > first_ok[ip])
    print(f"{ip}:{total}")
PY
cat /tmp/attack.txt

tail -1 /tmp/attack.txt && rm -f /tmp/attack.txt
