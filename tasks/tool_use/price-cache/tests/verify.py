import json, math, os, random, re, shutil, sys, tempfile
from pathlib import Path
from abverify import TESTS, WORK, Checks, run_as_agent
from basket_data import canonical, generate

checks = Checks(all_or_nothing=True)
package = WORK / "catalog"
sources = sorted(p for p in package.glob("*.py") if p.is_file() and not p.is_symlink()) if package.is_dir() else []
text = "\n".join(p.read_text(errors="replace") for p in sources)
hooks = re.findall(r"__closure__|__code__|_getframe|\bgc\b|\binspect\b|ctypes|sys\.modules|__globals__", text)
checks.check(not hooks, f"catalog/ reaches into the client or interpreter internals: {sorted(set(hooks))}")
root = Path(tempfile.mkdtemp(prefix="verify_"))
os.chmod(root, 0o755)
(root / "out").mkdir()
os.chmod(root / "out", 0o777)
if sources:
    shutil.copytree(package, root / "code" / "catalog", ignore=shutil.ignore_patterns("__pycache__"), symlinks=False)
for name in ("harness.py", "basket_data.py"):
    shutil.copyfile(TESTS / name, root / name)
seed = random.Random(os.urandom(8)).randrange(10**9)
result = root / "out" / "result.json"
run = run_as_agent([sys.executable, "-I", "-B", str(root / "harness.py"), str(root / "code"), str(seed), str(result)],
                   cwd=root, timeout=120)
if run.exit_code != 0 or not result.is_file():
    checks.check(False, f"totals() failed (exit {run.exit_code}): {run.stderr[-500:]}")
    checks.finish()
got = json.loads(result.read_text())

known, baskets = generate(seed)
want = {b: sum(known.get(canonical(s), 0) * q for s, q in lines) for b, lines in baskets.items()}
distinct = {canonical(s) for lines in baskets.values() for s, _ in lines}
checks.check(got["totals"] == want, f"totals differ for {sum(got['totals'].get(b) != t for b, t in want.items())} of {len(want)} baskets")
requested = [s for call in got["calls"] for s in call]
checks.check(all(len(call) <= 50 for call in got["calls"]) and all(s == canonical(s) for s in requested if isinstance(s, str)),
             "a call had more than 50 SKUs or a non-canonical SKU")
checks.check(len(requested) == len(set(requested)), f"{len(requested) - len(set(requested))} SKUs were requested more than once")
limit = math.ceil(len(distinct) / 50)
checks.check(len(got["calls"]) <= limit, f"{len(got['calls'])} fetch_many calls for {len(distinct)} distinct SKUs (at most {limit})")
checks.finish()
