from abverify import TESTS, answer, finish, same

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
ok = any(same(answer(), f"{sid}:{top}") for sid in winners)
finish(int(ok), 1, [] if ok else ["wrong sensor or run length"])
