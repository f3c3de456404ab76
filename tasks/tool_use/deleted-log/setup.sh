#!/bin/bash
# Starts the payment daemon on today's spool batch, then reproduces the broken log rotation:
# the live log is deleted while payd still holds it open. Deterministic; deletes itself.
set -e
mkdir -p app var/spool var/log var/run
cat > app/payd.py <<'PY'
"""payd: settles queued payment batches and logs one line per attempt.

Reads every batch in var/spool/, settles each payment (retrying once after a soft decline),
logs to var/log/payd.log and removes the batch when done. Then it waits for more work.
"""
import json, os, time
from pathlib import Path

LIMITS = {"EUR": 5000.00, "USD": 4000.00}


def settle(p, attempt):
    if p["card_state"] == "blocked":
        return "E_CARD"
    if p["amount"] > LIMITS[p["currency"]] - p["spent_today"] * (0.5 if attempt == 2 else 1.0):
        return "E_LIMIT"
    return "OK"


def main():
    log = open("var/log/payd.log", "a", buffering=1)
    Path("var/run/payd.pid").write_text(str(os.getpid()))
    for batch in sorted(Path("var/spool").glob("*.json")):
        for p in json.loads(batch.read_text()):
            for attempt in (1, 2):
                result = settle(p, attempt)
                log.write(f"{p['ts']} payd[{os.getpid()}] payment={p['id']} attempt={attempt} "
                          f"amount={p['amount']:.2f} currency={p['currency']} result={result}\n")
                if result != "E_LIMIT" or not p["retry"]:
                    break
        batch.unlink()
    Path("var/run/payd.ready").write_text("idle\n")
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
PY
python3 - <<'PY'
import json, random
rng = random.Random(3120)
def batch(day, n, prefix):
    rows = []
    for i in range(n):
        currency = "EUR" if rng.random() < 0.7 else "USD"
        rows.append({"id": f"{prefix}{i:05d}", "ts": f"2025-03-{day}T{8 + i * 10 // n:02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}Z",
                     "amount": round(rng.choice([rng.uniform(5, 900), rng.uniform(900, 4900)]), 2), "currency": currency,
                     "spent_today": round(rng.uniform(0, 2500) if rng.random() < 0.35 else 0, 2),
                     "card_state": "blocked" if rng.random() < 0.04 else "ok", "retry": rng.random() < 0.5})
    return rows
json.dump(batch("12", 2600, "P12-"), open("var/spool/batch-20250312.json", "w"))
# yesterday's log, rotated properly: a decoy with the same kind of lines
y = batch("11", 2400, "P11-")
with open("var/log/payd.log.1", "w") as f:
    for p in y:
        res = "E_LIMIT" if p["amount"] + p["spent_today"] > 5000 else "OK"
        f.write(f"{p['ts']} payd[311] payment={p['id']} attempt=1 amount={p['amount']:.2f} currency={p['currency']} result={res}\n")
PY
setsid nohup python3 app/payd.py </dev/null >/dev/null 2>&1 &
for _ in $(seq 2400); do [ -f var/run/payd.ready ] && break; sleep 0.05; done
[ -f var/run/payd.ready ] || { echo "payd did not start" >&2; exit 1; }
# the rotation bug: the live log is unlinked and a fresh empty file put in its place
rm -f var/log/payd.log var/run/payd.ready
: > var/log/payd.log
cat > var/log/rotate.log <<'TXT'
2025-03-12T12:00:01Z logrotate: rotating var/log/payd.log (size 0 after create)
2025-03-12T12:00:01Z logrotate: postrotate: skipped (no HUP configured for payd)
TXT
rm -f -- "$0"
