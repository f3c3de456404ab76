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

import hashlib, json
expected = json.loads((TESTS / "expected.json").read_text())
lib = WORK / "library"
have = {p.relative_to(WORK).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in lib.rglob("*") if p.is_file()} if lib.is_dir() else {}
passed, notes = 0, []
for rel, digest in expected.items():
    if have.get(rel) == digest:
        passed += 1
    else:
        notes.append(f"missing or wrong: {rel}")
extra = sorted(set(have) - set(expected))
if extra:
    notes.append(f"unexpected files in library/: {extra[:5]}")
leftover = sorted(p.relative_to(WORK).as_posix() for p in (WORK / "incoming").rglob("*")
                  if p.is_file() and p.suffix.lower() in {".jpg", ".jpeg", ".png"}) if (WORK / "incoming").is_dir() else []
if leftover:
    notes.append(f"photos left in incoming/: {leftover[:5]}")
readme_ok = (WORK / "incoming" / "README.txt").is_file()
if not readme_ok:
    notes.append("incoming/README.txt was removed")
checks_ok = (not extra) + (not leftover) + readme_ok
finish(passed + checks_ok, len(expected) + 3, notes)
