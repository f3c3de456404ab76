"""Writes five supplier price lists, each in its supplier's own encoding and layout, plus the truth for the verifier."""
import csv, io, json, random
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "files" / "suppliers"
rng = random.Random(1252)
words = {
    "nordhaus": ["Schraubendreher", "Größe", "Stahl", "Mutter", "Dübel", "Säge", "Bohrer", "Schlüssel", "für Holz", "weiß"],
    "lumiere": ["Lampe", "œillet", "Abat-jour", "à poser", "Ampoule", "l’entrée", "Décor", "Crème", "« Salon »", "Coût €"],
    "kowalski": ["Młotek", "Śruba", "Łańcuch", "Żarówka", "Wiertło", "Klucz", "Piła", "ściana", "różowy", "zielony"],
    "brightline": ["Desk lamp", "LED strip", "Cable – 2 m", "Switch “smart”", "Plug", "Dimmer", "Bulb ½ W", "Fan"],
    "fjord": ["Hylle", "Kjøkken", "Skål", "Lampe", "Bøtte", "Stol", "Tå", "Hånd", "Grønn", "Blå"],
}
truth = []
for supplier, vocab in words.items():
    for i in range(rng.randint(50, 70)):
        desc = " ".join(rng.sample(vocab, rng.randint(2, 3)))
        price = Decimal(rng.randint(50, 450000)) / 100
        truth.append({"supplier": supplier, "sku": f"{supplier[:2].upper()}{rng.randint(1000, 99999)}", "description": desc,
                      "price_eur": f"{price:.2f}", "stock": rng.randint(0, 900)})
dedup = {}
for row in truth:
    dedup[(row["supplier"], row["sku"])] = row
truth = sorted(dedup.values(), key=lambda r: (r["supplier"], r["sku"]))
def by(supplier):
    """The supplier's rows as sent: a few re-sent SKUs appear first with an outdated price (the later line wins)."""
    rows = [r for r in truth if r["supplier"] == supplier]
    if supplier in ("nordhaus", "fjord", "kowalski"):
        stale = [dict(r, price_eur=f"{Decimal(r['price_eur']) + Decimal(rng.randint(1, 900)) / 100:.2f}") for r in rng.sample(rows, 4)]
        rows = stale + rows
    return rows
def comma_money(p, thousands):
    whole, cents = p.split(".")
    if thousands and len(whole) > 3:
        whole = f"{int(whole):,}".replace(",", ".")
    return f"{whole},{cents}"
# nordhaus: UTF-8 with BOM, ';', decimal comma with '.' thousands
s = "Artikelnr;Bezeichnung;Preis EUR;Bestand\r\n" + "".join(f"{r['sku']};{r['description']};{comma_money(r['price_eur'], True)};{r['stock']}\r\n" for r in by("nordhaus"))
(OUT / "nordhaus.csv").write_bytes(b"\xef\xbb\xbf" + s.encode("utf-8"))
# lumiere: cp1252, ';', decimal comma, quoted descriptions
s = "ref;désignation;prix;stock\r\n" + "".join(f'{r["sku"]};"{r["description"]}";{comma_money(r["price_eur"], False)};{r["stock"]}\r\n' for r in by("lumiere"))
(OUT / "lumiere.csv").write_bytes(s.encode("cp1252"))
# kowalski: ISO-8859-2, ',', decimal point, csv quoting, a header in Polish
buf = io.StringIO()
w = csv.writer(buf, lineterminator="\n")
w.writerow(["indeks", "nazwa", "cena_eur", "stan"])
for r in by("kowalski"):
    w.writerow([r["sku"], r["description"], r["price_eur"], r["stock"]])
(OUT / "kowalski.csv").write_bytes(buf.getvalue().encode("iso-8859-2"))
# brightline: UTF-16LE with BOM, tab separated
s = "sku\tdescription\tprice_eur\tqty\n" + "".join(f"{r['sku']}\t{r['description']}\t{r['price_eur']}\t{r['stock']}\n" for r in by("brightline"))
(OUT / "brightline.txt").write_bytes(s.encode("utf-16"))
# fjord: UTF-8, ';', decimal comma, a summary line at the end
rows = by("fjord")
total = sum(Decimal(r["price_eur"]) * r["stock"] for r in rows[4:])
s = "varenr;beskrivelse;pris;lager\n" + "".join(f"{r['sku']};{r['description']};{comma_money(r['price_eur'], False)};{r['stock']}\n" for r in rows)
s += f"SUM;;{comma_money(f'{total:.2f}', False)};{sum(r['stock'] for r in rows)}\n"
(OUT / "fjord.csv").write_bytes(s.encode("utf-8"))
(HERE / "tests" / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=0))
# the traps must bite: the naive decodings differ from the truth
assert (OUT / "lumiere.csv").read_bytes().decode("latin-1") != (OUT / "lumiere.csv").read_bytes().decode("cp1252")
assert (OUT / "kowalski.csv").read_bytes().decode("latin-1") != (OUT / "kowalski.csv").read_bytes().decode("iso-8859-2")
assert any("." in comma_money(r["price_eur"], True) for r in by("nordhaus"))
