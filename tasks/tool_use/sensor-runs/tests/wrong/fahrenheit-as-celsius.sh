# Wrong (the trap): reads every limit as Celsius, also the ones given in Fahrenheit.
python3 - <<'PY'
import csv, json
sensors = json.load(open("sensors.json"))["sensors"]
limit = {s["id"]: s.get("max_temp_c", s.get("max_temp_f")) for s in sensors}
series = {}
for r in csv.DictReader(open("readings.csv")):
    series.setdefault(r["sensor"], []).append((r["time"], r["temp_c"]))
best = {}
for sid, pts in series.items():
    run = top = 0
    for _, v in sorted(pts):
        run = run + 1 if v != "NA" and float(v) > limit[sid] else 0
        top = max(top, run)
    best[sid] = top
sid = max(sorted(best), key=best.get)
print(f"{sid}:{best[sid]}")
PY
