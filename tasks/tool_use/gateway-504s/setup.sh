#!/bin/bash
# Generates a day of gateway and backend logs (~45 MB, deterministic), then deletes itself.
set -e
mkdir -p logs/gateway logs/backend
python3 - <<'PY'
import json, random
from datetime import datetime, timedelta, timezone
rng = random.Random(504)
UTC, CEST = timezone.utc, timezone(timedelta(hours=2))
start = datetime(2024, 6, 12, 8, 0, tzinfo=UTC)
shards = [f"s{i:02d}" for i in range(1, 13)]
paths = ["/v1/cart", "/v1/orders", "/v1/search", "/v1/users/me", "/v1/checkout"]
gw = {"gw-a": [], "gw-b": []}
backend = {s: [] for s in shards}
def attempt(shard, req, n, t, ms, op):
    backend[shard].append((t, f"{t.astimezone(CEST).strftime('%Y-%m-%d %H:%M:%S.%f')[:-3]} +0200 shard={shard} req={req} attempt={n} op={op} ms={ms}\n"))
for i in range(230_000):
    t = start + timedelta(seconds=rng.uniform(0, 12 * 3600))
    req = f"r-{rng.getrandbits(48):012x}"
    gateway = "gw-a" if rng.random() < 0.6 else "gw-b"
    hour = t.hour
    # the incident: 14:00-15:00 UTC, s09 slow on final attempts; s04 times out first attempts (then retried elsewhere);
    # 15:00-16:00 UTC (which gw-b writes as 17:xx local) s11 has its own burst; 12:00-13:00 UTC (14:xx local) s02 has one.
    first = rng.choice(shards)
    attempts = [first]
    status = 200 if rng.random() < 0.985 else rng.choice([500, 502, 504])
    if hour == 14 and rng.random() < 0.05:
        attempts = ["s04", rng.choice(shards)] if rng.random() < 0.6 else ["s04", "s04", rng.choice(shards)]
        status = 504 if rng.random() < 0.3 else 200
    if hour == 14 and rng.random() < 0.012:
        attempts = [rng.choice(shards), "s09"]
        status = 504
    if hour == 15 and rng.random() < 0.03:
        attempts, status = ["s11"], 504
    if hour == 12 and rng.random() < 0.03:
        attempts, status = ["s02"], 504
    for n, shard in enumerate(attempts, 1):
        attempt(shard, req, n, t + timedelta(milliseconds=40 * n), rng.randint(3, 30000), rng.choice(["read", "write"]))
    line = {"req": req, "path": rng.choice(paths), "status": status, "upstream_ms": rng.randint(5, 30000)}
    if gateway == "gw-a":
        stamp = t.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    else:
        stamp = t.astimezone(CEST).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "+02:00"
    gw[gateway].append((t, json.dumps({"ts": stamp, **line}) + "\n"))
for name, rows in gw.items():
    rows.sort()
    with open(f"logs/gateway/{name}.jsonl", "w") as f:
        f.writelines(r for _, r in rows)
for shard, rows in backend.items():
    rows.sort()
    with open(f"logs/backend/{shard}.log", "w") as f:
        f.writelines(r for _, r in rows)
PY
rm -f -- "$0"
