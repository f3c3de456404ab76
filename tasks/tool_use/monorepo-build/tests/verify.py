import json, os, shutil, sys, tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from lib import TESTS, WORK, Checks, run_untrusted

MODULES = ("core", "auth", "api", "billing", "reports")
HIDDEN = {"billing": 3, "reports": 2, "api": 2}
checks = Checks()

changed = [rel for rel in ["build.py"] + [f"modules/{m}/tests/{p.name}" for m in MODULES for p in (TESTS / "visible" / m).glob("*.py")]
           if not (WORK / rel).is_file() or (WORK / rel).is_symlink()
           or (WORK / rel).read_bytes() != (TESTS / ("build.py" if rel == "build.py" else f"visible/{rel.split('/')[1]}/{Path(rel).name}")).read_bytes()]
checks.check(not changed, f"protected files were changed or removed: {changed}")
extra_tests = [str(p.relative_to(WORK)) for m in MODULES for p in (WORK / "modules" / m / "tests").glob("*")
               if p.name != "__pycache__" and not (TESTS / "visible" / m / p.name).is_file()]
checks.check(not extra_tests, f"files added to the modules' tests: {extra_tests}")

root = Path(tempfile.mkdtemp(prefix="verify_"))
os.chmod(root, 0o777)
repo = root / "repo"
shutil.copytree(WORK / "modules", repo / "modules", symlinks=False,
                ignore=shutil.ignore_patterns("__pycache__", "conftest.py", "pytest.ini", "*.cfg", "tox.ini", "pyproject.toml", "*.pth"))
shutil.copyfile(TESTS / "build.py", repo / "build.py")
os.chmod(repo, 0o777)
code, out, err = run_untrusted([sys.executable, "-I", "-B", str(repo / "build.py")], cwd=repo, timeout=180)
manifest_file = repo / "dist" / "manifest.json"
built = json.loads(manifest_file.read_text()) if code == 0 and manifest_file.is_file() else {}
checks.check(sorted(built) == sorted(MODULES), f"build failed (exit {code}): {(out + err)[-600:]}")
checks.check(built.get("core", {}).get("version") == "2.1.0", "core must stay at 2.1.0")

import build  # our copy in tests/; reads the agent's module.toml files as data
build.ROOT = repo
try:
    modules = build.load_modules()
except Exception as exc:
    modules = {}
    checks.check(False, f"module.toml files do not load: {exc}")
empty_ini = root / "empty.ini"
empty_ini.write_text("[pytest]\n")
for name, expected in HIDDEN.items():
    if name not in modules:
        checks.check(False, f"module {name} is missing")
        continue
    run_dir = root / f"hidden-{name}"
    for dep in build.closure(modules, name):
        shutil.copytree(repo / "modules" / dep / dep, run_dir / "src" / dep)
    shutil.copytree(TESTS / "hidden" / name, run_dir / "tests")
    (run_dir / "out").mkdir()
    os.chmod(run_dir / "out", 0o777)
    report = run_dir / "out" / "report.xml"
    code, out, err = run_untrusted([sys.executable, "-I", "-B", "-c",
                                    f"import sys; sys.path[:0] = [{str(run_dir / 'src')!r}]; import pytest; sys.exit(pytest.main(sys.argv[1:]))",
                                    "-q", "-p", "no:cacheprovider", "-c", str(empty_ini), "--rootdir", str(run_dir),
                                    f"--junitxml={report}", str(run_dir / "tests")], cwd=run_dir, timeout=120)
    counts = {}
    if report.is_file():
        suite = ET.parse(report).getroot()
        suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
        counts = {k: int(suite.get(k, 0)) for k in ("tests", "failures", "errors", "skipped")}
    ok = code == 0 and counts == {"tests": expected, "failures": 0, "errors": 0, "skipped": 0}
    checks.check(ok, f"hidden tests of {name}: exit {code}, {counts or 'no report'}\n{out[-800:]}")
checks.finish()
