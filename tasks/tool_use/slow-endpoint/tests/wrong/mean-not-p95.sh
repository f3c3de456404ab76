# Wrong: ranks endpoints by mean duration and reports that.
python3 - <<'PY'
import glob, json, re
from collections import defaultdict
d = defaultdict(list)
for f in glob.glob("logs/*.jsonl"):
    for line in open(f):
        r = json.loads(line)
        d[f"{r['method']} {re.sub(r'/[0-9]+(?=/|$)', '/{id}', r['path'])}"].append(r["duration_ms"])
mean = {ep: round(sum(v) / len(v)) for ep, v in d.items() if len(v) >= 50}
best = max(mean, key=mean.get)
print(f"{best},{mean[best]}")
PY
