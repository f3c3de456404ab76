# Wrong (the trap): ignores the 50-request minimum.
python3 - <<'PY'
import glob, json, math, re
from collections import defaultdict
d = defaultdict(list)
for f in glob.glob("logs/*.jsonl"):
    for line in open(f):
        r = json.loads(line)
        d[f"{r['method']} {re.sub(r'/[0-9]+(?=/|$)', '/{id}', r['path'])}"].append(r["duration_ms"])
p95 = {ep: sorted(v)[math.ceil(0.95 * len(v)) - 1] for ep, v in d.items()}
best = max(p95, key=p95.get)
print(f"{best},{p95[best]}")
PY
