# Plausible mistake: forgets that disabled users have no permissions.

cat acl/README.md && ls acl iam iam/groups && head -5 iam/users.csv

for f in acl/*.acl; do echo "== $f"; cat "$f"; done; cat iam/groups/payroll-leads.json iam/groups/finance.json

grep -c disabled iam/users.csv; python3 -c "
import json, glob
for f in sorted(glob.glob('iam/groups/*.json')):
    g = json.load(open(f)); print(g['name'], [m for m in g['members'] if m.startswith('group:')])
"

cat > /tmp/acl.py <<'PY'
import csv, glob, json, sys
from pathlib import Path
status = {r["user"]: r["status"] for r in csv.DictReader(open("iam/users.csv"))}
groups = {json.load(open(f))["name"]: json.load(open(f))["members"] for f in glob.glob("iam/groups/*.json")}
def members(group, seen):
    if group in seen or group not in groups:
        return set()
    seen.add(group)
    out = set()
    for m in groups[group]:
        kind, name = m.split(":", 1)
        out |= {name} if kind == "user" else members(name, seen)
    return out
def acl(folder):
    name = "__".join(folder.strip("/").split("/")) if folder != "/" else "root"
    path = Path("acl", f"{name or 'root'}.acl")
    return [l.split("#")[0].strip() for l in path.read_text().splitlines()] if path.exists() else []
def allowed(user, perm, folder):
    if user not in status:
        return False
    parts = [p for p in folder.strip("/").split("/") if p]
    for depth in range(len(parts), -1, -1):
        lines = acl("/" + "/".join(parts[:depth]) if depth else "/")
        rules = []
        for line in lines:
            words = line.split()
            if len(words) == 3 and words[2] == perm:
                p = words[1]
                if p == "*" or p == f"user:{user}" or (p.startswith("group:") and user in members(p[6:], set())):
                    rules.append((words[0], p.startswith("user:")))
        if rules:
            direct = [e for e, d in rules if d]
            return "deny" not in (direct or [e for e, _ in rules])
        if "inherit off" in lines:
            return False
    return False
perm, folder = sys.argv[1], sys.argv[2]
print(",".join(sorted(u for u in status if allowed(u, perm, folder))))
PY
python3 /tmp/acl.py write /finance/payroll/2023; python3 /tmp/acl.py read /finance/payroll/2024 | tr ',' '\n' | wc -l

python3 /tmp/acl.py read /finance/payroll/2024; grep -h 'it-admins' iam/groups/it-admins.json -A6 | head -8

echo "$(python3 /tmp/acl.py write /finance/payroll/2023);$(python3 /tmp/acl.py read /finance/payroll/2024 | tr ',' '\n' | grep -c .)" && rm /tmp/acl.py
