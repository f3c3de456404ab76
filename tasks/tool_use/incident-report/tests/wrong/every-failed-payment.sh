# Wrong: counts every failed payment of the day, whatever the reason.
ls -R && cat ops/deploys.csv

head -3 logs/checkout.log.1 logs/payments.log.1 logs/fraud-check.log.1

cat logs/payments.log.1 logs/payments.log | awk '{print $2}' | sort | uniq -c && cat logs/payments.log.1 logs/payments.log | grep -v captured | sed 's/request=[^ ]* order=[^ ]* //' | cut -c21- | sed 's/score [0-9.]*/score N/' | sort | uniq -c

cat logs/payments.log.1 logs/payments.log | grep 'declined by fraud-check' | awk '{print substr($1, 1, 16)}' | uniq -c

cat logs/payments.log.1 logs/payments.log | grep 'declined by fraud-check' | awk '$1 >= "2024-06-18T13:58" && $1 <= "2024-06-18T14:48"' | sed -n '1p;$p'

rid=$(cat logs/payments.log.1 logs/payments.log | grep 'declined by fraud-check' | awk '$1 >= "2024-06-18T14:02"' | head -1 | grep -o 'request=[0-9a-f]*' | cut -d= -f2) && grep -h "$rid" logs/*

cat logs/fraud-check.log.1 logs/fraud-check.log | grep -v '"decision"' ; cat logs/fraud-check.log.1 logs/fraud-check.log | python3 -c "
import sys, json, collections
c = collections.Counter()
for l in sys.stdin:
    r = json.loads(l)
    if 'threshold' in r:
        c[(r['ts'][:15], r['threshold'])] += 1
for k in sorted(c): print(k, c[k])
" | sed -n '/T13:5/,/T14:5/p'

diff configs/fraud-check/v3.4.0.yaml configs/fraud-check/v3.5.0.yaml; grep fraud-check ops/deploys.csv

sqlite3 orders.db '.schema' "SELECT status, failure_reason, COUNT(*) FROM orders GROUP BY 1, 2;"

start=$(cat logs/payments.log.1 logs/payments.log | grep 'declined by fraud-check' | awk '$1 >= "2024-06-18T13:58"' | head -1 | cut -d' ' -f1) && end=$(cat logs/payments.log.1 logs/payments.log | grep 'declined by fraud-check' | awk '$1 <= "2024-06-18T14:48"' | tail -1 | cut -d' ' -f1) && echo "$start $end" > window.txt && cat window.txt

read -r start end < window.txt && cat logs/payments.log.1 logs/payments.log | grep 'declined by fraud-check' | awk -v s="$start" -v e="$end" '$1 >= s && $1 <= e' | grep -o 'order=[0-9]*' | cut -d= -f2 | sort -u > incident_orders.txt && wc -l < incident_orders.txt

python3 - <<'EOF'
import sqlite3
ids = [int(x) for x in open("incident_orders.txt").read().split()]
con = sqlite3.connect("orders.db")
q = f"SELECT COUNT(*), COUNT(DISTINCT customer_id) FROM orders WHERE failure_reason = 'fraud_declined' AND id IN ({','.join(map(str, ids))})"
print(con.execute(q).fetchone())
EOF

sqlite3 orders.db "SELECT c.country, COUNT(*) n FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id IN ($(paste -sd, incident_orders.txt)) AND o.failure_reason = 'fraud_declined' GROUP BY c.country ORDER BY n DESC;"

sqlite3 orders.db "SELECT MIN(created_at), MAX(created_at), COUNT(*) FROM orders WHERE failure_reason = 'fraud_declined' AND id IN ($(paste -sd, incident_orders.txt));"

python3 - <<'EOF'
import json, sqlite3
start, end = open("window.txt").read().split()
ids = ",".join(open("incident_orders.txt").read().split())
con = sqlite3.connect("orders.db")
n, customers = con.execute("SELECT COUNT(*), COUNT(DISTINCT customer_id) FROM orders WHERE status = 'payment_failed'").fetchone()
country = con.execute(f"SELECT c.country FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id IN ({ids}) AND o.failure_reason = 'fraud_declined' GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1").fetchone()[0]
report = {"start": start, "end": end, "service": "fraud-check", "deploy": "D-208", "config_key": "score_threshold",
          "failed_orders": n, "affected_customers": customers, "top_country": country}
json.dump(report, open("incident.json", "w"), indent=2)
EOF

python3 -m json.tool incident.json && rm -f incident_orders.txt window.txt

echo done
