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

import csv, json
sensors = json.loads((TESTS / "sensors.json").read_text())["sensors"]
limit = {s["id"]: s["max_temp_c"] if "max_temp_c" in s else (s["max_temp_f"] - 32) * 5 / 9 for s in sensors}
series = {}
for r in csv.DictReader(open(TESTS / "readings.csv", newline="")):
    series.setdefault(r["sensor"], []).append((r["time"], r["temp_c"]))
best = {}
for sid, points in series.items():
    run = longest = 0
    for _, value in sorted(points):
        run = run + 1 if value != "NA" and float(value) > limit[sid] else 0
        longest = max(longest, run)
    best[sid] = longest
top = max(best.values())
winners = {sid for sid, n in best.items() if n == top}
got = answer().replace(" ", "")
sid, _, length = got.partition(":")
ok = sid.upper() in winners and length == str(top)
finish(int(ok), 1, [] if ok else ["wrong sensor or run length"])
