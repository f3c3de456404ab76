import json, os, random, re, shutil, sys, tempfile
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
os.chmod(root / "out", 0o777)  # the only place the code under test may write (it may run as uid 1000)
for name in ("harness.py", "sample_db.py", "schema.sql"):
    shutil.copyfile(TESTS / name, root / name)
rng = random.Random(os.urandom(8))
for size, month in ((2500, "2024-05"), (12000, "2024-06")):
    seed = rng.randrange(10**9)
    result = root / "out" / f"result-{size}.json"
    run = run_as_agent([sys.executable, "-I", "-B", str(root / "harness.py"), str(root / "code"), str(seed), month,
                        str(size), str(result)], cwd=root, timeout=120)
    if run.exit_code != 0 or not result.is_file():
        checks.check(False, f"monthly_report failed on a {size}-order database (exit {run.exit_code}): {run.stderr[-400:]}")
        continue
    got = json.loads(result.read_text())
    want = [list(r) for r in reference_monthly.monthly_report(sample_db.build(seed, customers=size // 8, orders=size), month)]
    checks.check(got["rows"] == want, f"{size} orders, {month}: report differs from the original's "
                 f"({sum(a != b for a, b in zip(got['rows'], want)) + abs(len(got['rows']) - len(want))} rows)")
    checks.check(got["statements"] <= MAX_STATEMENTS, f"{size} orders: {got['statements']} SQL statements (at most {MAX_STATEMENTS})")
checks.finish()
