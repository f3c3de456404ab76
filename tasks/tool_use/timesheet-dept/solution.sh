ls timesheets && head -3 timesheets/*.csv | head -20 && cat departments.csv && head -20 employees.json

python3 -c "import json; e=json.load(open('employees.json'))['employees']; print(len(e), sum(x['active'] for x in e))"

python3 - <<'EOF'
import csv, json, glob
from collections import defaultdict
emps = json.load(open("employees.json"))["employees"]
depts = {int(r["id"]): r["name"] for r in csv.DictReader(open("departments.csv"))}
active = {e["id"]: e["department_id"] for e in emps if e["active"]}
hours, heads = defaultdict(float), defaultdict(int)
for d in active.values():
    heads[d] += 1
for f in sorted(glob.glob("timesheets/*.csv")):
    for r in csv.DictReader(open(f)):
        if r["date"].startswith("2024-03-") and int(r["employee_id"]) in active:
            hours[active[int(r["employee_id"])]] += float(r["hours"])
for d in sorted(heads, key=lambda d: -hours[d] / heads[d]):
    print(depts[d], heads[d], hours[d], round(hours[d] / heads[d], 2))
EOF

python3 - <<'EOF'
import csv, json, glob
from collections import defaultdict
emps = json.load(open("employees.json"))["employees"]
depts = {int(r["id"]): r["name"] for r in csv.DictReader(open("departments.csv"))}
active = {e["id"]: e["department_id"] for e in emps if e["active"]}
hours, heads = defaultdict(float), defaultdict(int)
for d in active.values():
    heads[d] += 1
for f in glob.glob("timesheets/*.csv"):
    for r in csv.DictReader(open(f)):
        if r["date"].startswith("2024-03-") and int(r["employee_id"]) in active:
            hours[active[int(r["employee_id"])]] += float(r["hours"])
best = max(heads, key=lambda d: hours[d] / heads[d])
print(f"{depts[best]},{hours[best] / heads[best]:.1f}")
EOF
