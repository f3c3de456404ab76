# Plausible mistake: decodes every 8-bit file as Latin-1.

cat README.md && ls -la suppliers && file suppliers/*

for f in suppliers/*; do echo "== $f"; head -c 300 "$f" | od -c | head -8; done

grep -n SUM suppliers/fjord.csv; python3 -c "
for name, enc in [('kowalski.csv', 'iso-8859-2'), ('kowalski.csv', 'latin-1'), ('lumiere.csv', 'cp1252'), ('lumiere.csv', 'latin-1')]:
    text = open('suppliers/' + name, 'rb').read().decode(enc)
    print(name, enc, repr(text.splitlines()[1][:80]))
"

python3 - <<'PY'
import csv, io
from decimal import Decimal
from pathlib import Path
def money(text, comma):
    text = text.strip()
    if comma:
        text = text.replace(".", "").replace(",", ".")
    return f"{Decimal(text):.2f}"
sources = {
    "brightline": ("brightline.txt", "utf-16", "\t", False),
    "fjord": ("fjord.csv", "utf-8", ";", True),
    "kowalski": ("kowalski.csv", "latin-1", ",", False),
    "lumiere": ("lumiere.csv", "latin-1", ";", True),
    "nordhaus": ("nordhaus.csv", "utf-8-sig", ";", True),
}
rows = {}
for supplier, (name, encoding, delimiter, comma) in sources.items():
    text = Path("suppliers", name).read_bytes().decode(encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    next(reader)
    for record in reader:
        if not record or record[0].strip().upper() in ("SUM", "TOTAL") or not record[1].strip():
            continue
        sku, description, price, stock = (field.strip() for field in record[:4])
        rows[(supplier, sku)] = [supplier, sku, description, money(price, comma), str(int(stock))]
with open("catalogue.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["supplier", "sku", "description", "price_eur", "stock"])
    w.writerows(rows[k] for k in sorted(rows))
print(len(rows), "rows")
PY

head -5 catalogue.csv && grep -c . catalogue.csv && grep -E 'Ł|œ|’|ø|“' catalogue.csv | head -4

echo done
