# Wrong: stops one fix short (skips the step starting `python3 - <<'EOF'`), so the hidden tests fail.
cat SPEC.md stock/inventory.py

python3 -m pytest -q 2>&1 | tail -20

python3 -c "from stock import Inventory; i = Inventory.from_csv('sku,qty\nA, 2\n\nA,3\n'); print(i.items, Inventory({'A': 3, 'B': 3}).value({'A': 0.333, 'B': 0.333}))"

python3 -m pytest -q 2>&1 | tail -1
