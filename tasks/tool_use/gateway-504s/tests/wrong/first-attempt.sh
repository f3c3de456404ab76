# Plausible mistake: blames the shard of the first attempt.
ls logs/*

python3 - <<'PY'
import glob, json, re
from collections import Counter
from datetime import datetime, timezone
first = {}
for f in glob.glob("logs/backend/*.log"):
    for line in open(f):
        m = re.search(r"shard=(\S+) req=(\S+) attempt=1 ", line)
        if m:
            first[m.group(2)] = m.group(1)
counts = Counter()
for f in glob.glob("logs/gateway/*.jsonl"):
    for line in open(f):
        r = json.loads(line)
        t = datetime.fromisoformat(r["ts"].replace("Z", "+00:00")).astimezone(timezone.utc)
        if r["status"] == 504 and t.hour == 14:
            counts[first[r["req"]]] += 1
s, n = counts.most_common(1)[0]
print(f"{s}:{n}")
PY
