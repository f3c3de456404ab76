# Wrong (the trap): counts inactive employees' hours and heads too.
python3 - <<'PY'
import csv, json, glob
from collections import defaultdict
emps = json.load(open("employees.json"))["employees"]
depts = {int(r["id"]): r["name"] for r in csv.DictReader(open("departments.csv"))}
dept = {e["id"]: e["department_id"] for e in emps}
hours, heads = defaultdict(float), defaultdict(int)
for d in dept.values():
    heads[d] += 1
for f in glob.glob("timesheets/*.csv"):
    for r in csv.DictReader(open(f)):
        if r["date"].startswith("2024-03-"):
            hours[dept[int(r["employee_id"])]] += float(r["hours"])
best = max(heads, key=lambda d: hours[d] / heads[d])
print(f"{depts[best]},{hours[best] / heads[best]:.1f}")
PY
