"""Writes the IAM data and ACLs, and prints the answer; asserts that each trap changes it. Deterministic."""
import csv, json, random
from pathlib import Path

HERE = Path(__file__).resolve().parent
F = HERE / "files"
rng = random.Random(4242)
first = ["ana", "ben", "cara", "dev", "eli", "fay", "gus", "hana", "ivo", "jo", "kai", "lea", "max", "nia", "oli", "pia", "quin", "rae", "sam", "tia"]
users = sorted({f"{rng.choice(first)}.{rng.choice(['berg', 'cole', 'diaz', 'ekko', 'fox', 'gray', 'holm', 'ito'])}" for _ in range(90)})[:64]
status = {u: ("disabled" if rng.random() < 0.12 else "active") for u in users}
groups = {
    "everyone-staff": ["group:finance", "group:engineering", "group:sales"],
    "finance": ["group:payroll-team", "group:ap-team"] + [f"user:{u}" for u in rng.sample(users, 6)],
    "payroll-team": ["group:payroll-leads"] + [f"user:{u}" for u in rng.sample(users, 7)],
    "payroll-leads": [f"user:{u}" for u in rng.sample(users, 3)] + ["group:finance"],  # cycle: finance -> payroll-team -> payroll-leads -> finance
    "ap-team": [f"user:{u}" for u in rng.sample(users, 6)],
    "engineering": [f"user:{u}" for u in rng.sample(users, 14)],
    "sales": [f"user:{u}" for u in rng.sample(users, 10)],
    "it-admins": [f"user:{u}" for u in rng.sample(users, 4)],
    "auditors": [f"user:{u}" for u in rng.sample(users, 4)],
    "contractors": [f"user:{u}" for u in rng.sample(users, 8)],
}
payroll_direct = [m[5:] for m in groups["payroll-team"] if m.startswith("user:")]
finance_direct = [m[5:] for m in groups["finance"] if m.startswith("user:")]
denied_user = payroll_direct[0]
contractor_in_payroll = payroll_direct[1]
groups["contractors"].append(f"user:{contractor_in_payroll}")
special = rng.choice([u for u in users if u not in payroll_direct])
acls = {
    "root": ["allow group:it-admins write", "allow group:it-admins read", "allow group:everyone-staff read"],
    "finance": ["allow group:finance read", "allow group:finance write", "deny group:sales read", "allow group:auditors read"],
    "finance__payroll": ["# payroll data: payroll team only", "allow group:payroll-team write", "deny group:contractors write", f"allow user:{contractor_in_payroll} write",
                         "allow group:payroll-team read", "deny group:ap-team write"],
    "finance__payroll__2024": ["inherit off", "allow group:payroll-team read", "allow group:auditors read",
                               f"deny user:{denied_user} read", f"allow user:{special} write"],
    "engineering": ["allow group:engineering write"],
}
(F / "iam" / "groups").mkdir(parents=True, exist_ok=True)
with open(F / "iam" / "users.csv", "w", newline="") as f:
    w = csv.writer(f); w.writerow(["user", "status", "team"])
    for u in users:
        w.writerow([u, status[u], rng.choice(["fin", "eng", "sales", "ops"])])
for g, members in groups.items():
    (F / "iam" / "groups" / f"{g}.json").write_text(json.dumps({"name": g, "members": members}, indent=2) + "\n")
for name, lines in acls.items():
    (F / "acl" / f"{name}.acl").write_text("\n".join(lines) + "\n")


def members(group, seen=None):
    seen = set() if seen is None else seen
    if group in seen:
        return set()
    seen.add(group)
    out = set()
    for m in groups[group]:
        kind, name = m.split(":", 1)
        out |= {name} if kind == "user" else members(name, seen)
    return out


def decide(user, perm, folder, inherit=True, user_first=True, skip_disabled=True, first_acl=False):
    if skip_disabled and status[user] != "active":
        return False
    parts = folder.strip("/").split("/") if folder != "/" else []
    chain = ["__".join(parts[:i]) or "root" for i in range(len(parts), -1, -1)]
    for name in chain:
        lines = acls.get(name, [])
        rules = []
        for line in lines:
            words = line.split()
            if len(words) == 3 and words[2] == perm:
                effect, principal = words[0], words[1]
                if principal == "*" or principal == f"user:{user}" or (principal.startswith("group:") and user in members(principal[6:])):
                    rules.append((effect, principal.startswith("user:")))
        if first_acl and any(len(l.split()) == 3 and l.split()[2] == perm for l in lines):
            return bool(rules) and "deny" not in [e for e, _ in rules]
        if rules:
            direct = [e for e, d in rules if d] if user_first else []
            chosen = direct or [e for e, _ in rules]
            return "deny" not in chosen
        if inherit and "inherit off" in lines:
            return False
    return False


def answer(folder, perm, **kw):
    return sorted(u for u in users if decide(u, perm, folder, **kw))


write = answer("/finance/payroll/2023", "write")
read = answer("/finance/payroll/2024", "read")
result = f"{','.join(write)};{len(read)}"
# each trap changes the answer
assert answer("/finance/payroll/2023", "write", skip_disabled=False) != write
assert len(answer("/finance/payroll/2024", "read", inherit=False)) != len(read)
assert answer("/finance/payroll/2023", "write", user_first=False) != write
assert answer("/finance/payroll/2023", "write", first_acl=True) != write
print(result)

