"""Reading the payroll data. Every rule below comes from an incident; keep them."""
import csv
import json
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


def contractors():
    """contractor_id -> row of contractors.csv.

    status: `active`, `paused`, `offboarded` or `blocked`. Paused and offboarded contractors
    are still paid for the time they logged. `blocked` means a compliance hold (PAY-88):
    they must never appear in a bank file, whatever they logged.
    The IBAN column is typed by hand and may contain spaces.
    """
    with open(DATA / "contractors.csv", newline="", encoding="utf-8") as f:
        return {row["contractor_id"]: row for row in csv.DictReader(f)}


def rates():
    """contractor_id -> [(effective_from, hourly rate in minor units of their currency)], oldest first.

    A new rate applies to entries dated on or after its effective_from (PAY-102: rates change
    mid-month; each entry is paid at the rate in effect on the entry's date).
    """
    table = {}
    with open(DATA / "rates.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            table.setdefault(row["contractor_id"], []).append((row["effective_from"], int(row["hourly_rate_minor"])))
    return {k: sorted(v) for k, v in table.items()}


def entries(month):
    """Time entries of `month` ('YYYY-MM'), as dicts.

    The tracker re-sends an entry when an upload times out, so the same `entry_id` can appear
    more than once (even in two team files): count each entry_id once (PAY-97).
    `minutes` is exact. Only `billable` entries are paid.
    Money: sum minutes * hourly rate / 60 over a contractor's entries and round once, half up,
    to the minor unit at the very end (PAY-110: per-entry rounding overpaid by up to 30 cents).
    """
    for path in sorted((DATA / "timesheets" / month).glob("*.jsonl")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)
