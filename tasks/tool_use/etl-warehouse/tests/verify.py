from abverify import TESTS, WORK, finish

import csv, json, re, sqlite3
S = TESTS / "sources"
notes, checks = [], []
def check(name, ok):
    checks.append(bool(ok))
    if not ok:
        notes.append(f"failed: {name}")
codes = {}
for r in csv.DictReader(open(S / "countries.csv", newline="", encoding="utf-8")):
    codes[r["code"].lower()] = r["code"]
    codes[r["name"].lower()] = r["code"]
canonical, customers = {}, {}
raw = sorted(csv.DictReader(open(S / "customers.csv", newline="", encoding="utf-8")), key=lambda r: r["id"])
by_email = {}
for r in raw:
    email = r["email"].strip().lower()
    if email not in by_email:
        by_email[email] = r["id"]
        customers[r["id"]] = (r["id"], r["name"].strip(), email, codes[r["country"].strip().lower()])
    canonical[r["id"]] = by_email[email]
orders = {}
for line in (S / "orders.jsonl").read_text(encoding="utf-8").splitlines():
    if line.strip():
        o = json.loads(line)
        euros, cents = re.search(r"(\d+)[.,](\d\d)", o["total"]).groups()
        orders[o["order"]] = (o["order"], canonical[o["customer"]], o["date"], int(euros) * 100 + int(cents), "web")
for line in (S / "legacy_orders.txt").read_text().splitlines():
    if line.strip() and not line.startswith("#"):
        oid, cid, day, amount = line[0:8].strip(), line[8:12], line[12:20], int(line[20:30])
        orders[oid] = (oid, canonical[cid], f"{day[:4]}-{day[4:6]}-{day[6:]}", amount, "legacy")
con = sqlite3.connect(f"file:{S / 'refunds.db'}?mode=ro", uri=True)
refunds, rejected = [], set()
for ref, amount, created in con.execute("SELECT order_ref, amount, created FROM refunds"):
    if ref in orders:
        refunds.append((ref, round(amount * 100), created))
    else:
        rejected.add(ref)
con.close()
db = WORK / "warehouse.db"
try:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True) if db.is_file() else None
    got = {t: sorted(tuple(r) for r in con.execute(f"SELECT * FROM {t}")) for t in ("customers", "orders", "refunds")} if con else {}
    schema = {r[0]: [c[1] for c in con.execute(f"PRAGMA table_info({r[0]})")] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")} if con else {}
except sqlite3.Error as exc:
    got, schema = {}, {}
    notes.append(f"cannot read warehouse.db: {exc}")
check("schema as in schema.sql", schema == {"customers": ["id", "name", "email", "country"],
      "orders": ["id", "customer_id", "order_date", "amount_cents", "source"], "refunds": ["order_id", "amount_cents", "refunded_on"]})
check("customers", got.get("customers") == sorted(customers.values()))
check("web orders", [o for o in got.get("orders", []) if o[4] == "web"] == sorted(o for o in orders.values() if o[4] == "web"))
check("legacy orders", [o for o in got.get("orders", []) if o[4] == "legacy"] == sorted(o for o in orders.values() if o[4] == "legacy")
      and len(got.get("orders", [])) == len(orders))
check("refunds", got.get("refunds") == sorted(refunds))
path = WORK / "rejected_refunds.txt"
check("rejected_refunds.txt", path.is_file() and [l.strip() for l in path.read_text().splitlines() if l.strip()] == sorted(rejected))
finish(sum(checks), len(checks), notes)
