PRAGMA foreign_keys = ON;

CREATE TABLE customers (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    email       TEXT NOT NULL UNIQUE,
    created_on  TEXT NOT NULL CHECK (created_on = date(created_on))
) STRICT;

CREATE TABLE addresses (
    customer_id INTEGER PRIMARY KEY REFERENCES customers(id),
    street      TEXT NOT NULL,
    city        TEXT NOT NULL,
    zip         TEXT NOT NULL
) STRICT;

CREATE TABLE legacy_customer_ids (
    old_id      INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id)
) STRICT;

CREATE TABLE orders (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers(id),
    status       TEXT NOT NULL CHECK (status IN ('paid', 'refunded', 'cancelled')),
    placed_on    TEXT NOT NULL CHECK (placed_on = date(placed_on)),
    total_cents  INTEGER NOT NULL CHECK (total_cents >= 0)
) STRICT;

CREATE TABLE order_items (
    order_id          INTEGER NOT NULL REFERENCES orders(id),
    line              INTEGER NOT NULL CHECK (line >= 1),
    sku               TEXT NOT NULL,
    qty               INTEGER NOT NULL CHECK (qty > 0),
    unit_price_cents  INTEGER NOT NULL CHECK (unit_price_cents >= 0),
    PRIMARY KEY (order_id, line)
) STRICT;

CREATE TABLE orphaned_orders (
    order_id     INTEGER PRIMARY KEY,
    old_customer_id INTEGER NOT NULL
) STRICT;

CREATE INDEX orders_by_customer ON orders(customer_id);
