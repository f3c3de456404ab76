# Wrong: loads everything but the legacy fixed-width orders.
cat SPEC.md schema.sql sources/FORMAT.txt && ls -la sources

head -5 sources/customers.csv && wc -l sources/customers.csv && cat sources/countries.csv

cut -d, -f4 sources/customers.csv | sort | uniq -c

python3 -c "
import csv, collections
rows = list(csv.DictReader(open('sources/customers.csv')))
c = collections.Counter(r['email'].strip().lower() for r in rows)
print([(r['id'], r['email']) for r in rows if c[r['email'].strip().lower()] > 1])
"

head -3 sources/orders.jsonl && python3 -c "
import json, re
print(sorted({re.sub(r'[0-9]', '9', json.loads(l)['total']) for l in open('sources/orders.jsonl')}))
"

head -6 sources/legacy_orders.txt | cat -A | head -6

sqlite3 sources/refunds.db '.schema' 'SELECT * FROM refunds LIMIT 5;' 'SELECT COUNT(*) FROM refunds;'

rm -f warehouse.db && sqlite3 warehouse.db < schema.sql && sqlite3 warehouse.db '.tables'

python3 - <<'EOF'
import csv, sqlite3
codes = {}
for r in csv.DictReader(open("sources/countries.csv")):
    codes[r["code"].lower()] = r["code"]
    codes[r["name"].lower()] = r["code"]
seen = {}
con = sqlite3.connect("warehouse.db")
for r in sorted(csv.DictReader(open("sources/customers.csv")), key=lambda r: r["id"]):
    email = r["email"].strip().lower()
    if email in seen:
        continue
    seen[email] = r["id"]
    con.execute("INSERT INTO customers VALUES (?, ?, ?, ?)", (r["id"], r["name"].strip(), email, codes[r["country"].strip().lower()]))
con.commit()
EOF
sqlite3 warehouse.db "SELECT COUNT(*), COUNT(DISTINCT country) FROM customers;"

python3 - <<'EOF'
import csv, json, re, sqlite3
con = sqlite3.connect("warehouse.db")
by_email = {e: i for i, e in con.execute("SELECT id, email FROM customers")}
canonical = {r["id"]: by_email[r["email"].strip().lower()] for r in csv.DictReader(open("sources/customers.csv"))}
for line in open("sources/orders.jsonl", encoding="utf-8"):
    o = json.loads(line)
    euros, cents = re.search(r"(\d+)[.,](\d\d)", o["total"]).groups()
    con.execute("INSERT INTO orders VALUES (?, ?, ?, ?, 'web')", (o["order"], canonical[o["customer"]], o["date"], int(euros) * 100 + int(cents)))
con.commit()
EOF
sqlite3 warehouse.db "SELECT * FROM orders LIMIT 3; SELECT COUNT(*) FROM orders;"

sqlite3 warehouse.db "SELECT COUNT(*) FROM orders WHERE customer_id NOT IN (SELECT id FROM customers); SELECT * FROM orders WHERE source = 'legacy' LIMIT 3;"

python3 - <<'EOF'
import sqlite3
con = sqlite3.connect("warehouse.db")
known = {r[0] for r in con.execute("SELECT id FROM orders")}
src = sqlite3.connect("sources/refunds.db")
rejected = set()
for ref, amount, created in src.execute("SELECT order_ref, amount, created FROM refunds"):
    if ref in known:
        con.execute("INSERT INTO refunds VALUES (?, ?, ?)", (ref, round(amount * 100), created))
    else:
        rejected.add(ref)
con.commit()
open("rejected_refunds.txt", "w").write("".join(r + "\n" for r in sorted(rejected)))
EOF
cat rejected_refunds.txt

sqlite3 warehouse.db "SELECT COUNT(*), SUM(amount_cents) FROM refunds; SELECT COUNT(*) FROM refunds WHERE order_id NOT IN (SELECT id FROM orders);"

sqlite3 warehouse.db "PRAGMA foreign_key_check; PRAGMA integrity_check; SELECT COUNT(*) FROM customers; SELECT COUNT(*) FROM orders;"

echo done
