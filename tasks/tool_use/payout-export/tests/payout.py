"""The verifier's own payout computation from the pristine data copy (README, ISSUE and ledger.py rules)."""
import csv, json
from fractions import Fraction
from pathlib import Path

DIGITS = {"EUR": 2, "USD": 2, "GBP": 2, "SEK": 2, "JPY": 0}


def expected_rows(data: Path, month="2024-10"):
    with open(data / "contractors.csv", newline="", encoding="utf-8") as f:
        people = {r["contractor_id"]: r for r in csv.DictReader(f)}
    rates = {}
    with open(data / "rates.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rates.setdefault(r["contractor_id"], []).append((r["effective_from"], int(r["hourly_rate_minor"])))
    seen, owed = set(), {}
    for path in sorted((data / "timesheets").glob("*/*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            e = json.loads(line)
            if e["entry_id"] in seen or not e["date"].startswith(month + "-") or not e["billable"]:
                continue
            seen.add(e["entry_id"])
            rate = max(r for r in rates[e["contractor_id"]] if r[0] <= e["date"])[1]
            owed[e["contractor_id"]] = owed.get(e["contractor_id"], 0) + Fraction(e["minutes"] * rate, 60)
    rows = []
    for cid in sorted(owed):
        person = people[cid]
        if person["status"] == "blocked" or owed[cid] <= 0:
            continue
        minor = int(owed[cid] + Fraction(1, 2))  # half up, amounts are positive
        digits = DIGITS[person["currency"]]
        amount = str(minor) if digits == 0 else f"{minor // 10**digits},{minor % 10**digits:0{digits}d}"
        rows.append([cid, person["name"], person["iban"].replace(" ", ""), person["currency"], amount])
    return rows
