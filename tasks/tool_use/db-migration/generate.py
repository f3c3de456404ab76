"""Builds files/app.db (and the verifier's copy) with the traps MIGRATION.md warns about. Deterministic."""
import random, shutil, sqlite3
from pathlib import Path

HERE = Path(__file__).resolve().parent
rng = random.Random(2207)
out = HERE / "files" / "app.db"
out.unlink(missing_ok=True)
db = sqlite3.connect(out)
db.executescript("""
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, email TEXT, address TEXT, created TEXT);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, total REAL, status TEXT, placed TEXT);
CREATE TABLE order_items (order_id INTEGER, sku TEXT, qty INTEGER, unit_price REAL);
""")
first = ["Ana", "Ben", "Chloé", "Dmitri", "Eva", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kaja", "Luca"]
last = ["Berg", "Costa", "Dubois", "Engel", "Fischer", "García", "Horvat", "Ivanova", "Jansen", "Kowalski"]
cities = ["Lyon", "Graz", "Porto", "Gent", "Turku", "Brno", "Split", "Cork"]
def fmt(y, m, d, style):
    return [f"{y}-{m:02d}-{d:02d}", f"{y}-{m:02d}-{d:02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00", f"{d:02d}/{m:02d}/{y}"][style]
people = []
cid = 100
for i in range(380):
    cid += rng.randint(1, 3)
    name = f"{rng.choice(first)} {rng.choice(last)}"
    email = f"{name.split()[0].lower()}.{name.split()[1].lower()}{i}@example.org".replace("é", "e").replace("í", "i")
    street = f"{rng.randint(1, 200)} {rng.choice(['Rue Neuve', 'Hauptstraße', 'Rua Nova', 'Main St'])}"
    if rng.random() < 0.15:
        street = f"Flat {rng.randint(1, 9)}, {street}"
    address = f"{street}, {rng.choice(cities)} , {rng.randint(1000, 99999)}"
    people.append((cid, name, email, address, fmt(2022 + rng.randint(0, 2), rng.randint(1, 12), rng.randint(1, 12), rng.randint(0, 2))))
# duplicates: the same person re-registered with a differently written email, sometimes earlier dates
for base in rng.sample(people[:-10], 30):
    cid += rng.randint(1, 3)
    email = rng.choice([base[2].upper(), f"  {base[2]} ", base[2].capitalize()])
    people.append((cid, base[1] + rng.choice(["", " Jr"]), email, base[3].replace(",", " ,", 1) if rng.random() < 0.3 else base[3],
                   fmt(2021, rng.randint(1, 12), rng.randint(1, 12), 2)))
db.executemany("INSERT INTO customers VALUES (?,?,?,?,?)", people)
ids = [p[0] for p in people]
deleted = rng.sample(ids, 12)
db.executemany("DELETE FROM customers WHERE id = ?", [(i,) for i in deleted])
statuses = ["paid"] * 12 + ["PAID", "Paid ", "refunded", " Refunded", "cancelled", "canceled", "Canceled"]
oid = 5000
prices = [0.99, 1.005, 2.675, 4.35, 9.99, 19.99, 0.285, 12.345, 100.10, 0.15]
for _ in range(1400):
    oid += rng.randint(1, 2)
    items = [(oid, f"SKU-{rng.randint(100, 999)}", rng.choice([1, 1, 2, 3, 5, 0, -1]) if rng.random() < 0.08 else rng.randint(1, 4),
              rng.choice(prices) if rng.random() < 0.4 else round(rng.uniform(0.5, 80), 2)) for _ in range(rng.randint(1, 5))]
    total = round(sum(max(q, 0) * p for _, _, q, p in items), 2) + (rng.choice([0.01, 1.0, -0.5]) if rng.random() < 0.1 else 0)
    db.execute("INSERT INTO orders VALUES (?,?,?,?,?)", (oid, rng.choice(ids), total, rng.choice(statuses),
                                                          fmt(2024, rng.randint(1, 12), rng.randint(1, 12), rng.randint(0, 2))))
    db.executemany("INSERT INTO order_items VALUES (?,?,?,?)", items)
db.commit()
db.execute("VACUUM")
db.close()
shutil.copyfile(out, HERE / "tests" / "app.db")
