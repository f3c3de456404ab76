"""Account admin CLI over accounts.db. Every change is written to the audit table."""
import argparse
import sqlite3
import sys

DB = "accounts.db"


def fail(message):
    print(f"error: {message}")
    sys.exit(1)


def audit(con, action, detail):
    con.execute("INSERT INTO audit (action, detail) VALUES (?, ?)", (action, detail))


def cmd_users(con, args):
    query = "SELECT id, username, role, COALESCE(manager_id, '-'), active, COALESCE(last_login, 'never') FROM users"
    print("id\tusername\trole\tmanager\tactive\tlast_login")
    for row in con.execute(query + " ORDER BY id"):
        print(*row, sep="\t")


def cmd_projects(con, args):
    query = "SELECT id, name, owner_id FROM projects"
    params = ()
    if args.owner is not None:
        query += " WHERE owner_id = ?"
        params = (args.owner,)
    print("id\tname\towner")
    for row in con.execute(query + " ORDER BY id", params):
        print(*row, sep="\t")


def cmd_keys(con, args):
    print("id\tuser\tprefix\trevoked")
    for row in con.execute("SELECT id, user_id, key_prefix, revoked FROM api_keys WHERE user_id = ? ORDER BY id", (args.user,)):
        print(*row, sep="\t")


def active_user(con, uid):
    row = con.execute("SELECT active FROM users WHERE id = ?", (uid,)).fetchone()
    if row is None:
        fail(f"no user {uid}")
    return bool(row[0])


def cmd_transfer(con, args):
    if con.execute("SELECT 1 FROM projects WHERE id = ?", (args.project,)).fetchone() is None:
        fail(f"no project {args.project}")
    if not active_user(con, args.to):
        fail(f"user {args.to} is deactivated")
    con.execute("UPDATE projects SET owner_id = ? WHERE id = ?", (args.to, args.project))
    audit(con, "transfer", f"project={args.project} to={args.to}")
    print(f"project {args.project} now owned by {args.to}")


def cmd_revoke(con, args):
    row = con.execute("SELECT revoked FROM api_keys WHERE id = ?", (args.key,)).fetchone()
    if row is None:
        fail(f"no key {args.key}")
    if row[0]:
        fail(f"key {args.key} is already revoked")
    con.execute("UPDATE api_keys SET revoked = 1 WHERE id = ?", (args.key,))
    audit(con, "revoke", f"key={args.key}")
    print(f"key {args.key} revoked")


def cmd_deactivate(con, args):
    if not active_user(con, args.user):
        fail(f"user {args.user} is already deactivated")
    if con.execute("SELECT 1 FROM projects WHERE owner_id = ?", (args.user,)).fetchone():
        fail(f"user {args.user} still owns projects; transfer them first")
    if con.execute("SELECT 1 FROM api_keys WHERE user_id = ? AND revoked = 0", (args.user,)).fetchone():
        fail(f"user {args.user} still has live API keys; revoke them first")
    con.execute("UPDATE users SET active = 0 WHERE id = ?", (args.user,))
    audit(con, "deactivate", f"user={args.user}")
    print(f"user {args.user} deactivated")


def main():
    parser = argparse.ArgumentParser(prog="python3 users.py", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("users", help="list users")
    p = sub.add_parser("projects", help="list projects")
    p.add_argument("--owner", type=int)
    p = sub.add_parser("keys", help="list a user's API keys")
    p.add_argument("--user", type=int, required=True)
    p = sub.add_parser("transfer", help="give a project to another (active) user")
    p.add_argument("project", type=int)
    p.add_argument("--to", type=int, required=True)
    p = sub.add_parser("revoke", help="revoke an API key")
    p.add_argument("key", type=int)
    p = sub.add_parser("deactivate", help="deactivate a user (no projects, no live keys)")
    p.add_argument("user", type=int)
    args = parser.parse_args()
    con = sqlite3.connect(DB)
    with con:
        globals()["cmd_" + args.command](con, args)


if __name__ == "__main__":
    main()
