import hashlib
import json
import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent)]
import sample_db  # noqa: E402
from reports.monthly import monthly_report  # noqa: E402


def test_report_is_unchanged():
    rows = monthly_report(sample_db.build(7, customers=40, orders=300), "2024-05")
    assert len(rows) == 37
    assert rows[:3] == [("Delta BV 26", 5, 1298244), ("Birch SA 32", 9, 1233656), ("Birch SA 18", 4, 1186138)]
    assert rows[-1] == ("Delta Oy 8", 0, -488524)
    assert hashlib.sha256(json.dumps(rows).encode()).hexdigest() == "6ee1e0cff06c8ea0024812db1a16d9a903726bebc0fbc183a6a15fcced4d47d0"


def test_query_budget():
    conn = sample_db.build(7, customers=400, orders=3000)
    statements = []
    conn.set_trace_callback(statements.append)
    monthly_report(conn, "2024-05")
    assert len(statements) <= 5, f"{len(statements)} statements"
