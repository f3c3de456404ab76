import csv, io, sys
from pathlib import Path
from abverify import TESTS, WORK, Checks
from payout import expected_rows

HEADER = "contractor_id;name;iban;currency;amount"
checks = Checks(all_or_nothing=True)
data_same = all((WORK / "data" / p.relative_to(TESTS / "data")).is_file()
                and (WORK / "data" / p.relative_to(TESTS / "data")).read_bytes() == p.read_bytes()
                for p in (TESTS / "data").rglob("*") if p.is_file())
checks.check(data_same, "data files were changed (finance keeps them as the audit trail)")
target = WORK / "exports" / "payouts-2024-10.csv"
if not target.is_file() or target.is_symlink():
    checks.check(False, "exports/payouts-2024-10.csv is missing")
    checks.finish()
raw = target.read_bytes()
checks.check(not raw.startswith(b"\xef\xbb\xbf"), "the file starts with a byte-order mark")
body = raw[:-2] if raw.endswith(b"\r\n") else raw
checks.check(b"\n" not in body.replace(b"\r\n", b"") and b"\r" not in body.replace(b"\r\n", b""), "not every line ends in CRLF")
try:
    text = raw.decode("utf-8")
except UnicodeDecodeError:
    text = ""
    checks.check(False, "the file is not UTF-8")
lines = text.split("\r\n")
checks.check(lines[0] == HEADER, f"first line is {lines[0]!r}, not {HEADER!r}")
rows = [row for row in csv.reader(io.StringIO("\n".join(lines[1:])), delimiter=";") if row]
want = expected_rows(TESTS / "data")
missing = [r[0] for r in want if r not in rows]
extra = [r[0] for r in rows if r not in want]
checks.check(rows == want, f"{len(rows)} rows; wrong or missing for {missing[:8]}, unexpected {extra[:8]}"
             + ("" if missing or extra else " (order differs)"))
checks.finish()
