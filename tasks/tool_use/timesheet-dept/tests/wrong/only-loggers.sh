# Wrong (the trap): divides by the active employees who logged hours, not by every active one.
python3 - <<'PY'
import csv, json, glob
from collections import defaultdict
emps = json.load(open("employees.json"))["employees"]
depts = {int(r["id"]): r["name"] for r in csv.DictReader(open("departments.csv"))}
active = {e["id"]: e["department_id"] for e in emps if e["active"]}
hours, people = defaultdict(float), defaultdict(set)
for f in glob.glob("timesheets/*.csv"):
    for r in csv.DictReader(open(f)):
        eid = int(r["employee_id"])
        if r["date"].startswith("2024-03-") and eid in active:
            hours[active[eid]] += float(r["hours"])
            people[active[eid]].add(eid)
best = max(people, key=lambda d: hours[d] / len(people[d]))
print(f"{depts[best]},{hours[best] / len(people[best]):.1f}")
PY
