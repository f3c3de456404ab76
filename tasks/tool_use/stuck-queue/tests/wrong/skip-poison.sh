# Shortcut: marks the stuck job failed by hand and restarts the unchanged worker.
tail -20 logs/worker.log

sqlite3 queue.db "UPDATE jobs SET status = 'failed', error = 'poison' WHERE id = 217"

kill $(pgrep -f '^python3 worker/worker.py'); sleep 1; (setsid nohup python3 worker/worker.py </dev/null >/dev/null 2>&1 &); sleep 5; sqlite3 queue.db "SELECT status, count(*) FROM jobs GROUP BY status"

echo done
