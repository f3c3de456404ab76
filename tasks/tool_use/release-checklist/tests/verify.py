import os, sys
from pathlib import Path

WORK = Path(os.environ.get("AGENTBENCH_WORKDIR", "."))
TESTS = Path(os.environ["AGENTBENCH_TESTS_DIR"])


def answer():
    path = os.environ.get("AGENTBENCH_ANSWER_FILE")
    if not path or not os.path.exists(path):
        return ""
    return Path(path).read_text(encoding="utf-8", errors="replace").strip()


def finish(passed, total, notes):
    """Write partial credit, print what failed, exit 0 only when every check passed."""
    for note in notes:
        print(note)
    reward = passed / total if total else 0.0
    reward_file = os.environ.get("AGENTBENCH_REWARD_FILE")
    if reward_file:
        Path(reward_file).write_text(f"{reward:.4f}\n")
    print(f"{passed}/{total} checks passed")
    sys.exit(0 if passed == total else 1)

import hashlib, json, shutil, subprocess, tempfile
import xml.etree.ElementTree as ET

meta = json.loads((TESTS / "meta.json").read_text())
notes = []


def unchanged_tests():
    bad = [rel for rel, digest in meta["visible"].items()
           if not (WORK / rel).is_file() or hashlib.sha256((WORK / rel).read_bytes()).hexdigest() != digest]
    if bad:
        notes.append(f"test files were modified or removed: {bad}")
    return not bad


def run_suite(name, expected):
    """Run our own copy of a test folder against the agent's sources in a clean directory."""
    root = Path(tempfile.mkdtemp(prefix="verify_"))
    for src in meta["sources"]:
        path = WORK / src
        if path.is_dir():
            shutil.copytree(path, root / src, ignore=shutil.ignore_patterns("__pycache__", "conftest.py"))
        elif path.is_file():
            shutil.copyfile(path, root / src)
    shutil.copytree(TESTS / name, root / "suite" / name)
    report = root / "report.xml"
    env = dict(os.environ, PYTHONPATH=str(root), PYTHONDONTWRITEBYTECODE="1")
    try:
        proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={report}",
                               str(root / "suite" / name)], cwd=root, env=env, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        notes.append(f"{name} tests timed out")
        return False
    if not report.is_file():
        notes.append(f"{name} tests did not run: {proc.stdout[-300:]}{proc.stderr[-300:]}")
        return False
    tree = ET.parse(report).getroot()
    suite = tree if tree.tag == "testsuite" else tree.find("testsuite")
    counts = {k: int(suite.get(k, 0)) for k in ("tests", "failures", "errors", "skipped")}
    ok = counts["tests"] == expected and counts["failures"] == counts["errors"] == counts["skipped"] == 0
    if not ok:
        tail = "\n".join(proc.stdout.strip().splitlines()[-15:])
        notes.append(f"{name} tests: {counts} (expected {expected} passing)\n{tail}")
    shutil.rmtree(root, ignore_errors=True)
    return ok


import re


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
    check("1: tests unchanged", unchanged_tests()),
    check("1: visible tests pass", run_suite("visible", meta["visible_count"])),
    check("1-6: release tests pass", run_suite("hidden", meta["hidden_count"])),
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
finish(sum(checks), len(checks), notes)
