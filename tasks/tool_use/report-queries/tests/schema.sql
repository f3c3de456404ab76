CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, merged_into INTEGER REFERENCES customers(id));
CREATE TABLE rates (currency TEXT NOT NULL, valid_from TEXT NOT NULL, per_eur REAL NOT NULL, PRIMARY KEY (currency, valid_from));
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id), placed TEXT NOT NULL,
                     amount_cents INTEGER NOT NULL, currency TEXT NOT NULL, status TEXT NOT NULL);
