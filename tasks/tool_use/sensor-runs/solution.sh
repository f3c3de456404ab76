head -5 readings.csv && wc -l readings.csv && cat sensors.json

grep -c NA readings.csv && cut -d, -f1 readings.csv | sort | uniq -c

python3 - <<'EOF'
import csv, json
sensors = json.load(open("sensors.json"))["sensors"]
limit = {s["id"]: s.get("max_temp_c", None) if "max_temp_c" in s else (s["max_temp_f"] - 32) * 5 / 9 for s in sensors}
series = {}
for r in csv.DictReader(open("readings.csv")):
    series.setdefault(r["sensor"], []).append((r["time"], r["temp_c"]))
for sid in sorted(series):
    run = best = 0
    for _, v in sorted(series[sid]):
        run = run + 1 if v != "NA" and float(v) > limit[sid] else 0
        best = max(best, run)
    print(sid, round(limit[sid], 2), best)
EOF

python3 - <<'EOF'
import csv, json
sensors = json.load(open("sensors.json"))["sensors"]
limit = {s["id"]: s["max_temp_c"] if "max_temp_c" in s else (s["max_temp_f"] - 32) * 5 / 9 for s in sensors}
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
EOF
