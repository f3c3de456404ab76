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

import gzip, re, datetime as dt
from collections import Counter
total, bad = Counter(), Counter()
pattern = re.compile(r'\[(\d\d/\w\w\w/\d{4}:\d\d:\d\d):\d\d [+]0000\] "[^"]*" (\d{3}) ')
for log in sorted((TESTS / "logs").iterdir()):
    data = gzip.decompress(log.read_bytes()) if log.suffix == ".gz" else log.read_bytes()
    for line in data.decode().splitlines():
        m = pattern.search(line)
        if not m:
            continue
        minute = dt.datetime.strptime(m.group(1), "%d/%b/%Y:%H:%M")
        total[minute] += 1
        bad[minute] += m.group(2).startswith("5")
first = min(m for m in total if bad[m] * 2 > total[m])
want = first.strftime("%Y-%m-%d %H:%M")
got = " ".join(answer().replace("T", " ").split())
ok = got == want
finish(int(ok), 1, [] if ok else [f"wrong minute: {got!r}"])
