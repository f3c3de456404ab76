import os, sys
from pathlib import Path

WORK = Path(os.environ.get("AGENTBENCH_WORKDIR", "."))
TESTS = Path(os.environ["AGENTBENCH_TESTS_DIR"])


def answer():
    path = os.environ.get("AGENTBENCH_ANSWER_FILE")
    if not path or not os.path.exists(path):
        return ""
    return Path(path).read_text(encoding="utf-8", errors="replace").strip()


def finish(passed, total, notes):
    """Write partial credit, print what failed, exit 0 only when every check passed."""
    for note in notes:
        print(note)
    reward = passed / total if total else 0.0
    reward_file = os.environ.get("AGENTBENCH_REWARD_FILE")
    if reward_file:
        Path(reward_file).write_text(f"{reward:.4f}\n")
    print(f"{passed}/{total} checks passed")
    sys.exit(0 if passed == total else 1)

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
ok = answer().strip().strip('"').lower() == best.lower()
finish(int(ok), 1, [] if ok else ["wrong department"])
