#!/bin/bash
# Starts the worker as it runs in production, and waits until it is stuck on the first poison job.
set -e
setsid nohup python3 worker/worker.py </dev/null >/dev/null 2>&1 &
for _ in $(seq 2400); do
  grep -q "job 217 failed (attempt 1)" logs/worker.log 2>/dev/null && break
  sleep 0.05
done
grep -q "job 217 failed" logs/worker.log
rm -f -- "$0"
