"""Billing job worker: takes pending jobs from queue.db in id order and runs them.

Contract (docs/queue.md): a job is tried at most `max_attempts` times (worker.ini). A job
that still fails then is marked `failed` with the last error ("<ExceptionType>: <message>")
and the worker moves on; a job that succeeds is `done` with its result. `attempts` always
says how many times the job was tried.

Run: python3 worker/worker.py   (from the directory holding queue.db and worker.ini)
"""
import configparser
import json
import logging
import sqlite3
import time

config = configparser.ConfigParser()
config.read("worker.ini")
MAX_ATTEMPTS = config.getint("worker", "max_attempts")
IDLE_SLEEP = config.getfloat("worker", "idle_sleep_s")
RETRY_SLEEP = config.getfloat("worker", "retry_sleep_s")
logging.basicConfig(filename="logs/worker.log", level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
log = logging.getLogger("worker")


def handle(payload):
    """The job's result: the signed total in cents of an invoice or a refund."""
    total = sum(int(line["qty"]) * int(line["unit_cents"]) for line in payload["lines"])
    total -= total * int(payload.get("discount_pct", 0)) // 100
    return {"invoice": 1, "refund": -1}[payload["op"]] * total


def run_once(db):
    job = db.execute("SELECT id, payload, attempts FROM jobs WHERE status = 'pending' ORDER BY id LIMIT 1").fetchone()
    if job is None:
        return False
    job_id, payload, attempts = job
    try:
        with db:
            db.execute("UPDATE jobs SET attempts = attempts + 1 WHERE id = ?", (job_id,))
            result = handle(json.loads(payload))
            db.execute("UPDATE jobs SET status = 'done', result = ?, error = NULL WHERE id = ?", (result, job_id))
        log.info("job %s done", job_id)
    except Exception as exc:
        log.exception("job %s failed (attempt %s)", job_id, attempts + 1)
        if attempts + 1 >= MAX_ATTEMPTS:
            with db:
                db.execute("UPDATE jobs SET status = 'failed', error = ? WHERE id = ?", (f"{type(exc).__name__}: {exc}", job_id))
        time.sleep(RETRY_SLEEP)
    return True


def main():
    db = sqlite3.connect("queue.db", timeout=30)
    log.info("worker started, max_attempts=%s", MAX_ATTEMPTS)
    while True:
        if not run_once(db):
            time.sleep(IDLE_SLEEP)


if __name__ == "__main__":
    main()
