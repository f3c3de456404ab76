ls -la . worker logs && cat worker.ini && tail -30 logs/worker.log

ps -eo pid,etime,args | grep [w]orker.py; sqlite3 queue.db "SELECT status, count(*), sum(attempts) FROM jobs GROUP BY status; SELECT id, status, attempts, payload FROM jobs WHERE status = 'pending' ORDER BY id LIMIT 2;"

cat worker/worker.py

grep -c "job 217 failed" logs/worker.log; sleep 1; grep -c "job 217 failed" logs/worker.log; sqlite3 queue.db "SELECT id, attempts FROM jobs WHERE id = 217"

python3 - <<'PY'
from pathlib import Path
p = Path("worker/worker.py")
s = p.read_text()
old = '''    try:
        with db:
            db.execute("UPDATE jobs SET attempts = attempts + 1 WHERE id = ?", (job_id,))
            result = handle(json.loads(payload))
            db.execute("UPDATE jobs SET status = 'done', result = ?, error = NULL WHERE id = ?", (result, job_id))'''
new = '''    with db:  # count the attempt even when the job fails (the failing transaction is rolled back)
        db.execute("UPDATE jobs SET attempts = attempts + 1 WHERE id = ?", (job_id,))
    try:
        result = handle(json.loads(payload))
        with db:
            db.execute("UPDATE jobs SET status = 'done', result = ?, error = NULL WHERE id = ?", (result, job_id))'''
assert old in s
p.write_text(s.replace(old, new))
PY
sed -n '/^def run_once/,/^    return True/p' worker/worker.py

kill $(pgrep -f '^python3 worker/worker.py'); for i in $(seq 300); do pgrep -f '^python3 worker/worker.py' >/dev/null || break; sleep 0.1; done; pgrep -f '^python3 worker/worker.py' || echo stopped; (setsid nohup python3 worker/worker.py </dev/null >/dev/null 2>&1 &); for i in $(seq 1700); do [ "$(sqlite3 queue.db "SELECT count(*) FROM jobs WHERE status = 'pending'")" = 0 ] && break; sleep 0.1; done; sqlite3 queue.db "SELECT status, count(*) FROM jobs GROUP BY status; SELECT id, attempts, error FROM jobs WHERE status = 'failed';"

sqlite3 queue.db "SELECT count(*) FROM jobs WHERE status = 'done' AND attempts != 1"; tail -3 logs/worker.log

echo done
