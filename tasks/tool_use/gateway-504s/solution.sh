ls -la logs/* && head -2 logs/gateway/*.jsonl && head -2 logs/backend/s01.log

wc -l logs/gateway/* && grep -c '"status": 504' logs/gateway/*.jsonl

grep -h -o '"ts": "[^"]*' logs/gateway/*.jsonl | cut -c24- | sort | uniq -c | head; grep -h -o 'attempt=[0-9]*' logs/backend/*.log | sort | uniq -c

python3 - <<'PY'
import glob, json, re
from collections import Counter
from datetime import datetime, timezone
last = {}
for f in glob.glob("logs/backend/*.log"):
    for line in open(f):
        m = re.search(r"shard=(\S+) req=(\S+) attempt=(\d+)", line)
        n = int(m.group(3))
        if n >= last.get(m.group(2), (0, ""))[0]:
            last[m.group(2)] = (n, m.group(1))
counts, total = Counter(), 0
for f in glob.glob("logs/gateway/*.jsonl"):
    for line in open(f):
        r = json.loads(line)
        if r["status"] != 504:
            continue
        t = datetime.fromisoformat(r["ts"].replace("Z", "+00:00")).astimezone(timezone.utc)
        if t.hour == 14:
            total += 1
            counts[last[r["req"]][1]] += 1
print(total, counts.most_common(4))
shard, n = counts.most_common(1)[0]
open("/tmp/answer.txt", "w").write(f"{shard}:{n}\n")
PY

cat /tmp/answer.txt && rm /tmp/answer.txt
