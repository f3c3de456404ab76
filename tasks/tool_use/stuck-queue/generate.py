"""Writes files/queue.db (and the verifier's copy) : 640 pending jobs, two of them poison. Deterministic."""
import json, random, shutil, sqlite3
from pathlib import Path

HERE = Path(__file__).resolve().parent
rng = random.Random(640)
out = HERE / "files" / "queue.db"
out.unlink(missing_ok=True)
db = sqlite3.connect(out)
db.execute("CREATE TABLE jobs (id INTEGER PRIMARY KEY, payload TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending', "
           "attempts INTEGER NOT NULL DEFAULT 0, result INTEGER, error TEXT)")
done_before = 180
for i in range(1, 821):
    payload = {"op": rng.choice(["invoice"] * 5 + ["refund"]), "customer": f"K{rng.randint(100, 999)}",
               "lines": [{"sku": f"S{rng.randint(1, 400)}", "qty": rng.randint(1, 9), "unit_cents": rng.randint(50, 90000)}
                         for _ in range(rng.randint(1, 6))]}
    if rng.random() < 0.2:
        payload["discount_pct"] = rng.choice([5, 10, 15])
    if i == done_before + 37:
        payload["lines"][0]["qty"] = "3x"
    if i == done_before + 402:
        payload["op"] = "rebate"
    status, attempts, result = "pending", 0, None
    if i <= done_before:
        status, attempts = "done", 1
        total = sum(l["qty"] * l["unit_cents"] for l in payload["lines"])
        total -= total * payload.get("discount_pct", 0) // 100
        result = total * (1 if payload["op"] == "invoice" else -1)
    db.execute("INSERT INTO jobs (id, payload, status, attempts, result) VALUES (?,?,?,?,?)", (i, json.dumps(payload), status, attempts, result))
db.commit()
db.execute("VACUUM")
db.close()
shutil.copyfile(out, HERE / "tests" / "queue.db")
