"""A random shop database in memory with every case monthly_report() handles (merge chains, rate changes, voids, refunds)."""
import random
import sqlite3
from pathlib import Path


def build(seed, customers=300, orders=2500, schema=Path(__file__).resolve().parent.parent / "reports" / "schema.sql"):
    rng = random.Random(seed)
    conn = sqlite3.connect(":memory:")
    conn.executescript(schema.read_text())
    rows = []
    for cid in range(1, customers + 1):
        merged = rng.randint(1, cid - 1) if cid > 20 and rng.random() < 0.2 else None
        rows.append((cid, f"{rng.choice(['Acme', 'Birch', 'Cobalt', 'Delta', 'Ember', 'Fjord'])} {rng.choice(['GmbH', 'Ltd', 'SA', 'Oy', 'BV'])} {cid}", merged))
    conn.executemany("INSERT INTO customers VALUES (?,?,?)", rows)
    for currency, base in (("USD", 1.08), ("GBP", 0.85), ("SEK", 11.4), ("JPY", 161.0)):
        day = 1
        while day <= 28:
            conn.execute("INSERT INTO rates VALUES (?,?,?)", (currency, f"2024-05-{day:02d}", round(base * rng.uniform(0.97, 1.03), 4)))
            day += rng.randint(3, 9)
        conn.execute("INSERT INTO rates VALUES (?,?,?)", (currency, "2024-04-20", base))
    for oid in range(1, orders + 1):
        month = rng.choice(["2024-04", "2024-05", "2024-05", "2024-06"])
        status = rng.choice(["paid"] * 10 + ["void", "refund"])
        conn.execute("INSERT INTO orders VALUES (?,?,?,?,?,?)", (oid, rng.randint(1, customers), f"{month}-{rng.randint(1, 28):02d}",
                     rng.randint(100, 500_000), rng.choice(["EUR", "EUR", "USD", "GBP", "SEK", "JPY"]), status))
    conn.commit()
    return conn
