from decimal import Decimal

from abverify import TESTS, answer, finish, number

import csv, json
from collections import defaultdict
emps = json.loads((TESTS / "employees.json").read_text())["employees"]
depts = {int(r["id"]): r["name"] for r in csv.DictReader(open(TESTS / "departments.csv", newline=""))}
active = {e["id"]: e["department_id"] for e in emps if e["active"]}
hours = defaultdict(float)
for sheet in sorted((TESTS / "timesheets").glob("*.csv")):
    for r in csv.DictReader(open(sheet, newline="")):
        eid = int(r["employee_id"])
        if r["date"].startswith("2024-03-") and eid in active:
            hours[active[eid]] += float(r["hours"])
heads = defaultdict(int)
for d in active.values():
    heads[d] += 1
avg = {depts[d]: hours[d] / heads[d] for d in heads}
best = max(avg, key=avg.get)
name, _, value = answer().rpartition(",")
given = number(value)
ok = name == best.lower() and given is not None and abs(given - Decimal(str(avg[best]))) <= Decimal("0.05")
finish(int(ok), 1, [] if ok else [f"wrong department or average: {answer()!r}"])
