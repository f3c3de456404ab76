#!/bin/bash
# Generates ~55 MB of load-balancer access logs (deterministic), then deletes itself.
set -e
mkdir -p logs
python3 - <<'PY'
import gzip, random
from datetime import datetime, timedelta, timezone
rng = random.Random(20250312)
LB = "10.0.0.5"
pool = [f"{rng.randint(11, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}" for _ in range(4000)]
attacker, spray, near, reporter = "185.220.101.47", "45.155.205.233", "91.240.118.172", "172.16.40.12"
paths = ["/", "/api/items", "/api/items/{n}", "/static/app.js", "/static/app.css", "/api/cart", "/api/search?q=x{n}", "/api/orders/{n}"]
agents = ["Mozilla/5.0 (X11; Linux x86_64)", "Mozilla/5.0 (Macintosh)", "curl/8.4.0", "python-requests/2.31"]
start = datetime(2025, 3, 8, tzinfo=timezone.utc)
events = []  # (t, ip, method, path, status, size)
for _ in range(400_000):
    t = start + timedelta(seconds=rng.uniform(0, 5 * 86400))
    ip = rng.choice(pool)
    r = rng.random()
    if r < 0.03:
        events.append((t, ip, "POST", "/api/login", 200 if rng.random() < 0.8 else 401, rng.randint(90, 140)))
    else:
        p = rng.choice(paths).format(n=rng.randint(1, 99999))
        events.append((t, ip, "GET", p, rng.choice([200] * 30 + [304, 404, 500]), rng.randint(200, 40000)))
def burst(ip, t0, fails, then_ok, exports, early_exports=0):
    t = t0
    for _ in range(early_exports):
        t += timedelta(seconds=rng.uniform(1, 5)); events.append((t, ip, "GET", f"/api/export/customers-{rng.randint(1, 40)}.csv", 401, 61))
    for _ in range(fails):
        t += timedelta(seconds=rng.uniform(0.5, 3)); events.append((t, ip, "POST", "/api/login", 401, 73))
    if then_ok:
        t += timedelta(seconds=2); events.append((t, ip, "POST", "/api/login", 200, 118))
    for i in range(exports):
        t += timedelta(seconds=rng.uniform(2, 20))
        status = 200 if rng.random() < 0.85 else 206 if rng.random() < 0.5 else 500
        events.append((t, ip, "GET", f"/api/export/customers-{i + 1}.csv", status, rng.randint(200_000, 900_000)))
    return t
# the attacker: 37 failures in a row, success, then exports; its burst spans a day boundary (rotated, gzipped file)
burst(attacker, datetime(2025, 3, 9, 23, 40, tzinfo=timezone.utc), 37, True, 60, early_exports=4)
burst(spray, datetime(2025, 3, 10, 2, 0, tzinfo=timezone.utc), 420, False, 0)
burst(near, datetime(2025, 3, 11, 14, 0, tzinfo=timezone.utc), 12, True, 35)
burst(reporter, datetime(2025, 3, 12, 6, 0, tzinfo=timezone.utc), 0, True, 80)
events.sort()
days = {}
for t, ip, m, p, s, b in events:
    line = (f'{LB} - - [{t.strftime("%d/%b/%Y:%H:%M:%S")} +0000] "{m} {p} HTTP/1.1" {s} {b} "-" '
            f'"{agents[len(ip) % 4]}" xff="{ip}" rt={rng.randint(1, 900) / 1000:.3f}\n')
    days.setdefault(t.strftime("%Y%m%d"), []).append(line)
order = sorted(days)
for i, day in enumerate(order):
    data = "".join(days[day]).encode()
    if i < len(order) - 2:
        with open(f"logs/access-{day}.log.gz", "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1, mtime=0) as f:
            f.write(data)
    else:
        open(f"logs/access-{day}.log", "wb").write(data)
PY
rm -f -- "$0"
