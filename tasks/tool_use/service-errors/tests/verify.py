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

from collections import Counter
counts = Counter()
for log in sorted((TESTS / "logs").glob("*.log")):
    for line in log.read_text().splitlines():
        parts = line.split()
        if len(parts) > 1 and parts[0].startswith("2024-03-12T") and parts[1] == "ERROR":
            counts[log.stem] += 1
top = max(counts.values())
winners = {s for s, n in counts.items() if n == top}
service, _, number = answer().replace(" ", "").lower().partition(":")
ok = service in winners and number == str(top)
finish(int(ok), 1, [] if ok else ["wrong service or count"])
