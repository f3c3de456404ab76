# Plausible mistake: takes the rotated file on disk for today's log.
ls -la var/log

cp var/log/payd.log.1 var/log/payd-20250312.log

python3 - <<'PY'
last = {}
for line in open("var/log/payd-20250312.log"):
    d = dict(kv.split("=", 1) for kv in line.split() if "=" in kv)
    last[d["payment"]] = d
sel = [d for d in last.values() if d["result"] == "E_LIMIT" and d["currency"] == "EUR"]
print(f"{len(sel)}:{sum(float(d['amount']) for d in sel):.2f}")
PY
