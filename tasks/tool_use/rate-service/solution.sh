ls -R svc conf data docs logs && cat docs/SPEC.md docs/expected.md

cat svc/ratesvc.py | head -60 && cat logs/ratesvc.log

python3 -c "
import urllib.request
for q in ['EUR&to=JPY&amount=125.50', 'USD&to=KWD&amount=980.00', 'CHF&to=JPY&amount=3.10', 'PLN&to=EUR&amount=250.00']:
    print(urllib.request.urlopen('http://127.0.0.1:8400/convert?from=' + q).read().decode())
"

for f in conf/ratesvc.ini conf/conf.d/* conf/ratesvc.env; do echo "== $f"; cat "$f"; done

ps -eo pid,args | grep [r]atesvc; pid=$(pgrep -f '^python3 svc/ratesvc.py' | head -1); ls -l /proc/$pid/cwd; tr '\0' '\n' < /proc/$pid/cmdline

rm conf/conf.d/90-migration.ini && sed -i 's/^JPY = 2$/JPY = 0/' conf/conf.d/20-checkout.ini && sed -i -e 's/^RATESVC_SERVICE_ROUNDING=down$/RATESVC_SERVICE_ROUNDING=half_up/' -e 's/^RATESVC_SERVICE_FEE_BPS=500$/RATESVC_SERVICE_FEE_BPS=50/' conf/ratesvc.env && cat conf/conf.d/20-checkout.ini conf/ratesvc.env

kill $(pgrep -f '^python3 svc/ratesvc.py'); for i in $(seq 300); do pgrep -f '^python3 svc/ratesvc.py' >/dev/null || break; sleep 0.1; done; (setsid nohup python3 svc/ratesvc.py conf </dev/null >/dev/null 2>&1 &); python3 -c "
import time, urllib.request
for _ in range(600):
    try:
        print(urllib.request.urlopen('http://127.0.0.1:8400/health').read().decode()); break
    except OSError:
        time.sleep(0.1)
"

python3 - <<'PY'
import re, urllib.request
bad = 0
for line in open("docs/expected.md"):
    m = re.match(r"\|\s+([A-Z]{3})\s+\|\s+([A-Z]{3})\s+\|\s+([\d.]+)\s+\|\s+([\d.]+)\s+\|", line)
    if m:
        got = urllib.request.urlopen(f"http://127.0.0.1:8400/convert?from={m[1]}&to={m[2]}&amount={m[3]}").read().decode()
        ok = f'"result": "{m[4]}"' in got
        bad += not ok
        print("ok " if ok else "BAD", m.groups(), got)
print("mismatches:", bad)
PY

echo done
