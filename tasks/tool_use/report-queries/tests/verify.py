import json, os, random, re, shutil, socket, sqlite3, sys, tempfile, threading
from pathlib import Path
from abverify import TESTS, WORK, Checks, run_as_agent
import reference_monthly
import sample_db

MAX_STATEMENTS = 5
checks = Checks(all_or_nothing=True)
package = WORK / "reports"
sources = sorted(p for p in package.glob("*.py") if p.is_file() and not p.is_symlink()) if package.is_dir() else []
text = "\n".join(p.read_text(errors="replace") for p in sources)
hooks = re.findall(r"set_trace_callback|set_progress_handler|set_authorizer|_getframe|\bgc\b|ctypes|sys\.modules", text)
checks.check(not hooks, f"reports/ touches the statement counter or interpreter internals: {sorted(set(hooks))}")
root = Path(tempfile.mkdtemp(prefix="verify_"))
os.chmod(root, 0o755)
shutil.copytree(package, root / "code" / "reports", ignore=shutil.ignore_patterns("__pycache__"), symlinks=False) if sources else None
(root / "out").mkdir()
os.chmod(root / "out", 0o777)  # the only place the code under test may write
shutil.copyfile(TESTS / "harness.py", root / "harness.py")


def serve(db, connection, lock, count):
    """Run each statement the harness sends on `db`, here, counting what SQLite executes."""
    with connection, connection.makefile("rb") as requests:
        for line in requests:
            with lock:
                try:
                    request = json.loads(line)
                    op, sql, params = request["op"], request["sql"], request["params"]
                    if op == "executescript":
                        cursor = db.executescript(sql)
                    elif op == "executemany":
                        cursor = db.executemany(sql, params)
                    else:
                        cursor = db.execute(sql, params)
                    reply = {"rows": [list(r) for r in cursor.fetchall()],
                             "description": [list(d) for d in cursor.description] if cursor.description else None,
                             "rowcount": cursor.rowcount, "lastrowid": cursor.lastrowid}
                except sqlite3.Error as exc:
                    reply = {"error": type(exc).__name__, "message": str(exc)}
                except (ValueError, KeyError, TypeError) as exc:
                    count[0] += 1  # a malformed request counts as a statement: it cannot lower the count
                    reply = {"error": "ProgrammingError", "message": f"bad request: {exc}"}
            connection.sendall(json.dumps(reply).encode() + b"\n")


def report(seed, month, size):
    """(rows, statements, problem) of the agent's monthly_report on a database only the verifier holds."""
    db = sample_db.build(seed, customers=size // 8, orders=size)
    db_lock, count = threading.Lock(), [0]
    served = sqlite3.connect(":memory:", check_same_thread=False)
    db.backup(served)
    db.close()
    served.set_trace_callback(lambda statement: count.__setitem__(0, count[0] + 1))
    path = root / f"db-{size}.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    os.chmod(path, 0o777)
    server.listen()

    def accept():
        while True:
            threading.Thread(target=serve, args=(served, server.accept()[0], db_lock, count), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    result = root / "out" / f"result-{size}.json"
    run = run_as_agent([sys.executable, "-I", "-B", str(root / "harness.py"), str(root / "code"), str(path), month, str(result)],
                       cwd=root, timeout=120)
    with db_lock:
        statements = count[0]
    try:
        got = json.loads(result.read_text()) if run.exit_code == 0 and result.is_file() else None
    except ValueError:
        got = None
    if not isinstance(got, dict) or not isinstance(got.get("rows"), list):
        return None, statements, f"exit {run.exit_code}: {run.stderr[-400:]}"
    return got["rows"], statements, ""


rng = random.Random(os.urandom(8))
for size, month in ((2500, "2024-05"), (12000, "2024-06")):
    seed = rng.randrange(10**9)
    rows, statements, problem = report(seed, month, size)
    if rows is None:
        checks.check(False, f"monthly_report failed on a {size}-order database ({problem})")
        continue
    want = [list(r) for r in reference_monthly.monthly_report(sample_db.build(seed, customers=size // 8, orders=size), month)]
    checks.check(rows == want, f"{size} orders, {month}: report differs from the original's "
                 f"({sum(a != b for a, b in zip(rows, want)) + abs(len(rows) - len(want))} rows)")
    checks.check(statements <= MAX_STATEMENTS, f"{size} orders: {statements} SQL statements (at most {MAX_STATEMENTS})")
checks.finish()
