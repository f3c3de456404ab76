from abverify import WORK, finish, pytest_checks

notes = []
unchanged, suites = pytest_checks(notes)
pkg = WORK / "shopkit"
mentions = sorted(p.name for p in pkg.glob("*.py") if "utils" in p.read_text()) if pkg.is_dir() else ["<no package>"]
modules_ok = pkg.is_dir() and not (pkg / "utils.py").exists() and not mentions and all((pkg / m).is_file() for m in ("text.py", "money.py", "dates.py"))
if not modules_ok:
    notes.append(f"utils.py must be gone and text/money/dates present; modules still mentioning utils: {mentions}")
checks = [*suites, modules_ok]
finish(sum(checks), len(checks), notes, gates_ok=unchanged)
