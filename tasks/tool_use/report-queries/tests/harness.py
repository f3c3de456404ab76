"""Runs the agent's monthly_report() on a generated database, counting the SQL statements it issues."""
import json
import os
import sys

code_dir, seed, month, size, result_file = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]
sys.path[:0] = [os.path.dirname(os.path.abspath(__file__)), code_dir]
import sample_db  # noqa: E402

conn = sample_db.build(seed, customers=size // 8, orders=size)
from reports.monthly import monthly_report  # noqa: E402

count = [0]
conn.set_trace_callback(lambda statement: count.__setitem__(0, count[0] + 1))
rows = monthly_report(conn, month)
conn.set_trace_callback(None)
with open(result_file, "w") as f:
    json.dump({"statements": count[0], "rows": [list(r) for r in rows]}, f)
os._exit(0)
