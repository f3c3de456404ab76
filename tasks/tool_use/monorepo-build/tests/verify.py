import json, os, shutil, sys, tempfile
from pathlib import Path
from abverify import TESTS, WORK, Checks, run_as_agent, run_pytest

MODULES = ("core", "auth", "api", "billing", "reports")
HIDDEN = {"billing": 3, "reports": 2, "api": 2}
checks = Checks(all_or_nothing=True)

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
build_run = run_as_agent([sys.executable, "-I", "-B", str(repo / "build.py")], cwd=repo, timeout=180)
manifest_file = repo / "dist" / "manifest.json"
try:
    built = json.loads(manifest_file.read_text()) if build_run.exit_code == 0 and manifest_file.is_file() else {}
except ValueError:
    built = {}
checks.check(isinstance(built, dict) and sorted(built) == sorted(MODULES),
             f"build failed (exit {build_run.exit_code}): {(build_run.stdout + build_run.stderr)[-600:]}")
built = built if isinstance(built, dict) else {}
checks.check(built.get("core", {}).get("version") == "2.1.0", "core must stay at 2.1.0")

import build  # our copy in tests/; reads the agent's module.toml files as data
build.ROOT = repo
try:
    modules = build.load_modules()
except Exception as exc:
    modules = {}
    checks.check(False, f"module.toml files do not load: {exc}")
timed_out = False
for name, expected in HIDDEN.items():
    if timed_out:  # all or nothing already lost: don't wait out every suite's timeout again
        checks.check(False, f"hidden tests of {name}: not run (an earlier suite timed out)")
        continue
    if name not in modules:
        checks.check(False, f"module {name} is missing")
        continue
    src = root / f"hidden-{name}"
    try:
        for dep in (d for d in build.closure(modules, name) if d.isidentifier()):
            shutil.copytree(repo / "modules" / dep / dep, src / dep, symlinks=True)
    except (KeyError, OSError) as exc:
        checks.check(False, f"module {name}'s dependencies cannot be gathered: {exc!r}")
        continue
    result = run_pytest(TESTS / "hidden" / name, sorted(os.listdir(src)), timeout=60, source_root=src)
    timed_out = result.exit_code is None
    checks.check(result.passed(expected), f"hidden tests of {name}: {result.describe(expected)}")
checks.finish()
