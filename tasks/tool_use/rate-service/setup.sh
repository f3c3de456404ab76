#!/bin/bash
# Starts ratesvc as it runs in production (with its broken configuration) and waits until it answers.
set -e
setsid nohup python3 svc/ratesvc.py conf </dev/null >/dev/null 2>&1 &
python3 - <<'PY'
import time, urllib.request
for _ in range(2400):
    try:
        urllib.request.urlopen("http://127.0.0.1:8400/health", timeout=2).read()
        break
    except OSError:
        time.sleep(0.05)
else:
    raise SystemExit("ratesvc did not start")
PY
rm -f -- "$0"
