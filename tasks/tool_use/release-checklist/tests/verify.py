import re

from abverify import TESTS, WORK, finish, pytest_checks

notes = []
unchanged, (visible, hidden) = pytest_checks(notes)


def text(rel):
    path = WORK / rel
    return path.read_text() if path.is_file() else ""


def check(name, ok):
    if not ok:
        notes.append(f"failed: {name}")
    return bool(ok)


exp = TESTS / "expected"
package_files = [p for p in (WORK / "weatherlib").rglob("*.py")] if (WORK / "weatherlib").is_dir() else []
sources = "".join(p.read_text() for p in package_files) + text("docs/usage.md") + text("README.md")
checks = [
    check("1: visible tests pass", visible),
    check("1-6: release tests pass", hidden),
    check("2: version 1.0.0", re.search(r'^version = "1\.0\.0"$', text("pyproject.toml"), re.M)
          and '__version__ = "1.0.0"' in text("weatherlib/__init__.py")),
    check("3: changelog", text("CHANGELOG.md").strip() == (exp / "CHANGELOG.md").read_text().strip()),
    check("4: calc_dewpoint renamed everywhere", "calc_dewpoint" not in sources and "dew_point(" in text("docs/usage.md")),
    check("5: no DEBUG lines", package_files and "# DEBUG" not in sources),
    check("6: stations.csv", text("data/stations.csv").replace("\r\n", "\n") == (exp / "stations.csv").read_text()),
    check("6: stations.json rebuilt", text("data/stations.json") == (exp / "stations.json").read_text()),
    check("7: MANIFEST.txt", [l.strip() for l in text("MANIFEST.txt").splitlines() if l.strip()]
          == (exp / "MANIFEST.txt").read_text().split()),
    check("8: README pins 1.0.0", "pip install weatherlib==1.0.0" in text("README.md") and "0.9.0" not in text("README.md")),
]
finish(sum(checks), len(checks), notes, gates_ok=unchanged)
