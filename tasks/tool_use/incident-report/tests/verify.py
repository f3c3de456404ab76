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

import json
want = json.loads((TESTS / "expected.json").read_text())
notes = []
try:
    got = json.loads((WORK / "incident.json").read_text())
    if not isinstance(got, dict):
        raise ValueError("not an object")
except (OSError, ValueError) as exc:
    finish(0, len(want), [f"incident.json missing or not a JSON object: {exc}"])
def norm(value):
    return value.strip().lower() if isinstance(value, str) else value
passed = 0
for key, value in want.items():
    if norm(got.get(key)) == norm(value):
        passed += 1
    else:
        notes.append(f"wrong {key}: {got.get(key)!r}")
finish(passed, len(want), notes)
