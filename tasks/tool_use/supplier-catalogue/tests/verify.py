import csv, io, json, sys, unicodedata
from pathlib import Path
from abverify import TESTS, WORK, Checks

HEADER = ["supplier", "sku", "description", "price_eur", "stock"]
checks = Checks(all_or_nothing=True)
target = WORK / "catalogue.csv"
if not target.is_file() or target.is_symlink():
    checks.check(False, "catalogue.csv is missing")
    checks.finish()
raw = target.read_bytes()
checks.check(not raw.startswith(b"\xef\xbb\xbf"), "catalogue.csv starts with a byte-order mark")
try:
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
except (UnicodeDecodeError, csv.Error) as exc:
    rows = [[]]
    checks.check(False, f"catalogue.csv is not UTF-8 CSV: {exc}")
checks.check(rows[:1] == [HEADER], f"header is {rows[:1]}, not {HEADER}")
want = [[r["supplier"], r["sku"], r["description"], r["price_eur"], str(r["stock"])] for r in json.loads((TESTS / "truth.json").read_text())]
got = [[unicodedata.normalize("NFC", cell) for cell in row] for row in rows[1:] if row]
wrong = {}
for row in [r for r in want if r not in got]:
    wrong.setdefault(row[0], []).append(row[1])
extra = [r[:2] for r in got if r not in want]
checks.check(got == want, f"{len(got)} rows (expected {len(want)}); wrong or missing per supplier: "
             f"{ {k: len(v) for k, v in wrong.items()} }; unexpected: {extra[:5]}" + ("" if wrong or extra else " (order differs)"))
checks.finish()
