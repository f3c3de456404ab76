# Wrong: deactivates and transfers but leaves the live API keys unrevoked.
python3 users.py --help && python3 users.py users

sqlite3 accounts.db "SELECT id, username, manager_id, last_login FROM users WHERE active = 1 AND role != 'admin' AND (last_login IS NULL OR last_login < '2023-01-01');"

python3 users.py projects && sqlite3 accounts.db "SELECT * FROM api_keys WHERE revoked = 0 AND user_id IN (SELECT id FROM users WHERE active = 1 AND role != 'admin' AND (last_login IS NULL OR last_login < '2023-01-01'));"

python3 - <<'EOF'
import sqlite3, subprocess
con = sqlite3.connect("accounts.db")
users = {r[0]: r for r in con.execute("SELECT id, role, manager_id, active, last_login FROM users")}
leaving = [u for u, r in users.items() if r[3] and r[1] != "admin" and (r[4] is None or r[4] < "2023-01-01")]
def heir(uid):
    boss = users[uid][2]
    while boss in leaving:
        boss = users[boss][2]
    return boss
plan = []
for uid in leaving:
    for (pid,) in con.execute("SELECT id FROM projects WHERE owner_id = ?", (uid,)):
        plan.append(["transfer", str(pid), "--to", str(heir(uid))])
    for (kid,) in con.execute("SELECT id FROM api_keys WHERE user_id = ? AND revoked = 0", (uid,)):
        pass
plan += [["deactivate", str(uid)] for uid in leaving]
con.close()
for cmd in plan:
    out = subprocess.run(["python3", "users.py", *cmd], capture_output=True, text=True)
    print(out.stdout.strip())
EOF

sqlite3 accounts.db "SELECT action, COUNT(*) FROM audit GROUP BY action; SELECT p.id, p.owner_id FROM projects p JOIN users u ON u.id = p.owner_id WHERE u.active = 0; SELECT COUNT(*) FROM api_keys k JOIN users u ON u.id = k.user_id WHERE u.active = 0 AND k.revoked = 0;"

echo done
