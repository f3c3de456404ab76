python3 inv.py --help && python3 inv.py products --below-reorder

python3 inv.py po-list --open

python3 - <<'EOF'
import subprocess
def table(*args):
    out = subprocess.run(["python3", "inv.py", *args], capture_output=True, text=True, check=True).stdout
    return [line.split("\t") for line in out.splitlines()[1:]]
open_skus = {po[1] for po in table("po-list", "--open")}
for sku, name, stock, level, supplier, status in table("products", "--below-reorder"):
    if status == "active" and sku not in open_skus:
        qty = 2 * int(level) - int(stock)
        print(subprocess.run(["python3", "inv.py", "po-create", sku, str(qty), "--date", "2024-07-01"], capture_output=True, text=True).stdout.strip())
EOF

python3 inv.py products | awk -F'\t' '$6 == "discontinued" {print $1}' > /dev/stderr; python3 inv.py products | awk -F'\t' '$6 == "discontinued" {print $1}' | while read -r sku; do python3 inv.py po-list --open | awk -F'\t' -v s="$sku" '$2 == s {print $1}'; done | sort -un | while read -r id; do python3 inv.py po-cancel "$id"; done

python3 inv.py po-list --open && sqlite3 warehouse.db "SELECT action, COUNT(*) FROM audit GROUP BY action;"

echo done
