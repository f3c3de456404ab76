cat SPEC.md stock/inventory.py

python3 -m pytest -q 2>&1 | tail -20

python3 - <<'EOF'
from pathlib import Path
p = Path("stock/inventory.py")
s = p.read_text()
s = s.replace('''    def __init__(self, items={}):
        self.items = items''', '''    def __init__(self, items=None):
        self.items = dict(items or {})''')
s = s.replace('''        self.items[sku] = have - qty''', '''        if have == qty:
            del self.items[sku]
        else:
            self.items[sku] = have - qty''')
s = s.replace('''return sorted(sku for sku, qty in self.items.items() if qty <= threshold)''',
              '''return [sku for sku, qty in sorted(self.items.items(), key=lambda kv: (kv[1], kv[0])) if qty < threshold]''')
s = s.replace('''        total = 0
        for sku, qty in self.items.items():
            if sku in prices:
                total += round(qty * prices[sku], 2)
        return total''', '''        total = 0
        for sku, qty in self.items.items():
            if sku not in prices:
                raise MissingPrice(sku)
            total += qty * prices[sku]
        return round(total, 2)''')
s = s.replace('''        inv.items[sku.strip()] = int(qty)''', '''        inv.add(sku.strip(), int(qty))''')
p.write_text(s)
EOF

python3 -c "from stock import Inventory; i = Inventory.from_csv('sku,qty\nA, 2\n\nA,3\n'); print(i.items, Inventory({'A': 3, 'B': 3}).value({'A': 0.333, 'B': 0.333}))"

python3 -m pytest -q 2>&1 | tail -1
