import json, math, os, random, re, shutil, socket, sys, tempfile, threading
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
shutil.copyfile(TESTS / "harness.py", root / "harness.py")
known, baskets = generate(random.Random(os.urandom(8)).randrange(10**9))
(root / "baskets.json").write_text(json.dumps(baskets))
calls = []  # every fetch_many call, recorded here, out of the agent's process


def serve(connection):
    with connection, connection.makefile("rb") as requests:
        for line in requests:
            try:
                skus = json.loads(line)
            except ValueError:
                skus = None
            calls.append(skus)
            valid = isinstance(skus, list) and all(isinstance(s, str) for s in skus)
            answer = {s: known[s] for s in skus if s in known} if valid else {}
            connection.sendall(json.dumps(answer).encode() + b"\n")


server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
server.bind(str(root / "pricing.sock"))
os.chmod(root / "pricing.sock", 0o777)
server.listen()


def accept():
    while True:
        threading.Thread(target=serve, args=(server.accept()[0],), daemon=True).start()


threading.Thread(target=accept, daemon=True).start()
result = root / "out" / "result.json"
run = run_as_agent([sys.executable, "-I", "-B", str(root / "harness.py"), str(root / "code"), str(root / "baskets.json"),
                    str(root / "pricing.sock"), str(result)], cwd=root, timeout=120)
try:
    got = json.loads(result.read_text()) if run.exit_code == 0 and result.is_file() else None
except ValueError:
    got = None
if not isinstance(got, dict) or not isinstance(got.get("totals"), dict):
    checks.check(False, f"totals() failed (exit {run.exit_code}): {run.stderr[-500:]}")
    checks.finish()
calls = list(calls)
want = {b: sum(known.get(canonical(s), 0) * q for s, q in lines) for b, lines in baskets.items()}
distinct = {canonical(s) for lines in baskets.values() for s, _ in lines}
checks.check(got["totals"] == want, f"totals differ for {sum(got['totals'].get(b) != t for b, t in want.items())} of {len(want)} baskets")
checks.check(all(isinstance(call, list) and len(call) <= 50 and all(isinstance(s, str) and s == canonical(s) for s in call) for call in calls),
             "a call had more than 50 SKUs or a non-canonical SKU")
requested = [s for call in calls if isinstance(call, list) for s in call]
checks.check(len(requested) == len(set(requested)), f"{len(requested) - len(set(requested))} SKUs were requested more than once")
limit = math.ceil(len(distinct) / 50)
checks.check(len(calls) <= limit, f"{len(calls)} fetch_many calls for {len(distinct)} distinct SKUs (at most {limit})")
checks.finish()
