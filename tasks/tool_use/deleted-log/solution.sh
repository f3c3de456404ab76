ls -la app var var/log var/spool && cat var/log/rotate.log && head -3 var/log/payd.log.1

cat app/payd.py

ps -eo pid,user,args | grep [p]ayd

pid=$(pgrep -f '^python3 app/payd.py' | head -1); ls -l /proc/$pid/fd

pid=$(pgrep -f '^python3 app/payd.py' | head -1); for fd in /proc/$pid/fd/*; do if [ "$(readlink $fd)" = "$PWD/var/log/payd.log (deleted)" ]; then cp $fd var/log/payd-20250312.log; fi; done; wc -l var/log/payd-20250312.log && head -3 var/log/payd-20250312.log

grep -c 'attempt=2' var/log/payd-20250312.log; grep -o 'result=[A-Z_]*' var/log/payd-20250312.log | sort | uniq -c

python3 - <<'PY'
last = {}
for line in open("var/log/payd-20250312.log"):
    d = dict(kv.split("=", 1) for kv in line.split() if "=" in kv)
    last[d["payment"]] = d
sel = [d for d in last.values() if d["result"] == "E_LIMIT" and d["currency"] == "EUR"]
print(f"{len(sel)}:{sum(float(d['amount']) for d in sel):.2f}")
PY
