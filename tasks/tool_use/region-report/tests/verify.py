from abverify import TESTS, WORK, finish

import csv, json
from collections import defaultdict
region = {r["store_id"]: r["region"] for r in csv.DictReader(open(TESTS / "stores.csv", newline=""))}
orders, revenue = defaultdict(int), defaultdict(float)
for part in sorted((TESTS / "sales").glob("*.jsonl")):
    for line in part.read_text().splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        key = (region[rec["store"]], rec["date"][:7])
        revenue[key] += rec["amount"]
        if rec["type"] == "sale":
            orders[key] += 1
expected = [[r, m, str(orders[(r, m)]), f"{revenue[(r, m)]:.2f}"] for r, m in sorted(revenue)]
notes = []
path = WORK / "report.csv"
rows = list(csv.reader(open(path, newline=""))) if path.is_file() else []
header_ok = bool(rows) and [c.strip() for c in rows[0]] == ["region", "month", "orders", "revenue"]
if not header_ok:
    notes.append("header must be region,month,orders,revenue")
body = [[c.strip() for c in r] for r in rows[1:] if any(c.strip() for c in r)]
def same(a, b):
    try:
        return a[:3] == b[:3] and abs(float(a[3]) - float(b[3])) < 0.006 and len(a) == 4
    except (ValueError, IndexError):
        return False
correct = sum(1 for i, want in enumerate(expected) if i < len(body) and same(body[i], want))
if len(body) != len(expected):
    notes.append(f"expected {len(expected)} data rows, found {len(body)}")
if correct < len(expected):
    notes.append(f"{len(expected) - correct} rows wrong or out of order")
length_ok = len(body) == len(expected)
finish(header_ok + correct + length_ok, 2 + len(expected), notes)
