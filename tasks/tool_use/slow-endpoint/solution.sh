ls logs && head -2 logs/*.jsonl && cat logs/*.jsonl | wc -l

python3 - <<'EOF'
import glob, json, math, re
from collections import defaultdict
d = defaultdict(list)
for f in glob.glob("logs/*.jsonl"):
    for line in open(f):
        r = json.loads(line)
        d[f"{r['method']} {re.sub(r'/[0-9]+(?=/|$)', '/{id}', r['path'])}"].append(r["duration_ms"])
for ep, v in sorted(d.items(), key=lambda kv: -len(kv[1])):
    v.sort()
    print(f"{len(v):5d} p95={v[math.ceil(0.95 * len(v)) - 1]:6d} {ep}")
EOF

python3 - <<'EOF'
import glob, json, math, re
from collections import defaultdict
d = defaultdict(list)
for f in glob.glob("logs/*.jsonl"):
    for line in open(f):
        r = json.loads(line)
        d[f"{r['method']} {re.sub(r'/[0-9]+(?=/|$)', '/{id}', r['path'])}"].append(r["duration_ms"])
p95 = {ep: sorted(v)[math.ceil(0.95 * len(v)) - 1] for ep, v in d.items() if len(v) >= 50}
best = max(p95, key=p95.get)
print(f"{best},{p95[best]}")
EOF
