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


checks = [unchanged_tests(), run_suite("visible", meta["visible_count"]), run_suite("hidden", meta["hidden_count"])]
finish(sum(checks), len(checks), notes)
