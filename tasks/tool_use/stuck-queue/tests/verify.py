import json, shutil, sqlite3, sys, tempfile
from pathlib import Path
from abverify import TESTS, WORK, Checks

POISON = {217: "ValueError: invalid literal for int() with base 10: '3x'", 582: "KeyError: 'rebate'"}
MAX_ATTEMPTS = 3


def handle(payload):
    """worker.handle() as shipped (the task never asks to change what a job computes)."""
    total = sum(int(line["qty"]) * int(line["unit_cents"]) for line in payload["lines"])
    total -= total * int(payload.get("discount_pct", 0)) // 100
    return {"invoice": 1, "refund": -1}[payload["op"]] * total


checks = Checks(all_or_nothing=True)
target = WORK / "queue.db"
if not target.is_file() or target.is_symlink():
    checks.check(False, "queue.db is missing")
    checks.finish()
scratch = Path(tempfile.mkdtemp()) / "queue.db"
shutil.copyfile(target, scratch)
for suffix in ("-wal",):  # a worker killed mid-transaction may leave its log beside the file
    if (WORK / f"queue.db{suffix}").is_file():
        shutil.copyfile(WORK / f"queue.db{suffix}", f"{scratch}{suffix}")
original = sqlite3.connect(f"file:{TESTS / 'queue.db'}?mode=ro", uri=True)
try:
    db = sqlite3.connect(scratch)
    got = {row[0]: row[1:] for row in db.execute("SELECT id, payload, status, attempts, result, error FROM jobs")}
    schema_same = db.execute("SELECT sql FROM sqlite_master").fetchall() == original.execute("SELECT sql FROM sqlite_master").fetchall()
except sqlite3.Error as exc:
    got, schema_same = {}, False
    checks.check(False, f"queue.db is not readable: {exc}")
checks.check(schema_same, "queue.db's schema was changed")
problems = {"missing": [], "payload changed": [], "not done right": [], "poison not failed right": []}
for job_id, payload, status, attempts, result, error in original.execute("SELECT * FROM jobs ORDER BY id"):
    if job_id not in got:
        problems["missing"].append(job_id)
        continue
    g_payload, g_status, g_attempts, g_result, g_error = got[job_id]
    if g_payload != payload:
        problems["payload changed"].append(job_id)
    elif job_id in POISON:
        if (g_status, g_attempts, g_result, g_error) != ("failed", MAX_ATTEMPTS, None, POISON[job_id]):
            problems["poison not failed right"].append((job_id, g_status, g_attempts, g_error))
    elif (g_status, g_attempts, g_result, g_error) != ("done", 1, handle(json.loads(payload)), None):
        problems["not done right"].append((job_id, g_status, g_attempts))
checks.check(len(got) == original.execute("SELECT count(*) FROM jobs").fetchone()[0], f"queue.db holds {len(got)} jobs")
for kind, jobs in problems.items():
    checks.check(not jobs, f"{kind}: {len(jobs)} jobs, e.g. {jobs[:4]}")
checks.finish()
