from abverify import TESTS, answer, finish, same

import json, math, re
from collections import defaultdict
durations = defaultdict(list)
for log in sorted((TESTS / "logs").glob("*.jsonl")):
    for line in log.read_text().splitlines():
        if line.strip():
            r = json.loads(line)
            path = re.sub(r"/\d+(?=/|$)", "/{id}", r["path"])
            durations[f"{r['method']} {path}"].append(r["duration_ms"])
def p95(values):
    values = sorted(values)
    return values[math.ceil(0.95 * len(values)) - 1]
scores = {ep: p95(v) for ep, v in durations.items() if len(v) >= 50}
best = max(scores, key=scores.get)
ok = same(answer(), f"{best},{scores[best]}")
finish(int(ok), 1, [] if ok else [f"wrong endpoint or duration: {answer()!r}"])
