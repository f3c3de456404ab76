# Format slip: Unix line endings although the bank requires CRLF.

cat ISSUE.md README.md && cat payroll/ledger.py

head -5 data/contractors.csv data/rates.csv && ls data/timesheets/* && head -2 data/timesheets/2024-10/data.jsonl

cut -d, -f5 data/contractors.csv | sort | uniq -c; cat data/timesheets/*/*.jsonl | python3 -c "
import sys, json, collections
rows = [json.loads(l) for l in sys.stdin]
ids = collections.Counter(r['entry_id'] for r in rows)
print('entries', len(rows), 'duplicated ids', sum(1 for v in ids.values() if v > 1))
"; for d in data/timesheets/*; do echo "$d: $(cat $d/*.jsonl | grep -o '"date": "[0-9-]*' | cut -c10-16 | sort | uniq -c | tr '\n' ' ')"; done

mkdir -p exports && cat > export_payouts.py <<'PY'
import csv, json
from fractions import Fraction
from pathlib import Path
MONTH = "2024-10"
DIGITS = {"EUR": 2, "USD": 2, "GBP": 2, "SEK": 2, "JPY": 0}
with open("data/contractors.csv", newline="", encoding="utf-8") as f:
    people = {r["contractor_id"]: r for r in csv.DictReader(f)}
rates = {}
with open("data/rates.csv", newline="", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        rates.setdefault(r["contractor_id"], []).append((r["effective_from"], int(r["hourly_rate_minor"])))
seen, owed = set(), {}
for path in sorted(Path("data/timesheets").glob("*/*.jsonl")):
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        e = json.loads(line)
        if e["entry_id"] in seen or not e["date"].startswith(MONTH + "-") or not e["billable"]:
            continue
        seen.add(e["entry_id"])
        rate = max(r for r in rates[e["contractor_id"]] if r[0] <= e["date"])[1]
        owed[e["contractor_id"]] = owed.get(e["contractor_id"], 0) + Fraction(e["minutes"] * rate, 60)
with open(f"exports/payouts-{MONTH}.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, delimiter=";", lineterminator="\n")
    w.writerow(["contractor_id", "name", "iban", "currency", "amount"])
    for cid in sorted(owed):
        p = people[cid]
        if p["status"] == "blocked" or owed[cid] <= 0:
            continue
        minor = int(owed[cid] + Fraction(1, 2))
        d = DIGITS[p["currency"]]
        amount = str(minor) if d == 0 else f"{minor // 10**d},{minor % 10**d:0{d}d}"
        w.writerow([cid, p["name"], p["iban"].replace(" ", ""), p["currency"], amount])
PY
python3 export_payouts.py && head -5 exports/payouts-2024-10.csv | cat -A | head -5 && wc -l exports/payouts-2024-10.csv

grep -c ';JPY;' exports/payouts-2024-10.csv; file exports/payouts-2024-10.csv; rm export_payouts.py

echo done
