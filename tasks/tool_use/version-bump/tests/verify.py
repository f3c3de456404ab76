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

exp = TESTS / "expected"
passed, total, notes = 0, 0, []
for p in sorted(exp.rglob("*")):
    if not p.is_file():
        continue
    rel = p.relative_to(exp).as_posix()
    total += 1
    target = WORK / rel
    if target.is_file() and target.read_text() == p.read_text():
        passed += 1
    else:
        notes.append(f"not as expected: {rel}")
finish(passed, total, notes)
