# Wrong (the trap): books the re-sent copy of DN-501 as a second delivery.
cat PROCESS.md && python3 stock.py --help && python3 stock.py receive --help

ls -la inbox inbox/processed && python3 stock.py pos

cat inbox/processed/bolt_2024-08-30.csv && sqlite3 stock.db "SELECT * FROM movements;"

cat inbox/acme-DN-501.txt && diff inbox/acme-DN-501.txt inbox/acme-DN-501-resent.txt

cat inbox/acme-DN-501.txt | awk '/your order PO/ {sub("PO", "", $NF); print $NF, $3}' | while read -r po qty; do python3 stock.py receive "$po" "$qty" --date 2024-09-02 --note DN-501; done

cat inbox/acme-DN-501-resent.txt | awk '/your order PO/ {sub("PO", "", $NF); print $NF, $3}' | while read -r po qty; do python3 stock.py receive "$po" "$qty" --date 2024-09-02 --note DN-501; done

cat inbox/bolt_2024-09-02.csv && tail -n +2 inbox/bolt_2024-09-02.csv | while IFS=, read -r note date po sku qty; do python3 stock.py receive "$po" "$qty" --date "$date" --note "$note"; done

cat inbox/coil-mail-0903.eml && python3 stock.py pos | awk -F'\t' '$1 == 7007 || $1 == 7008'

python3 - <<'EOF'
import re, subprocess
pos = {int(l.split("\t")[0]): l.split("\t") for l in subprocess.run(["python3", "stock.py", "pos"], capture_output=True, text=True).stdout.splitlines()[1:]}
for qty, sku, po in re.findall(r"- (\d+) pcs (\S+) \(PO (\d+)\)", open("inbox/coil-mail-0903.eml").read()):
    qty, po = int(qty), int(po)
    p = pos[po]
    outstanding = int(p[3]) - int(p[4])
    take = min(qty, outstanding)
    print(subprocess.run(["python3", "stock.py", "receive", str(po), str(take), "--date", "2024-09-03", "--note", "DN-503"], capture_output=True, text=True).stdout.strip())
    if qty > take:
        print(subprocess.run(["python3", "stock.py", "adjust", sku, str(qty - take), "--date", "2024-09-03", "--reason", "surplus DN-503"], capture_output=True, text=True).stdout.strip())
EOF

cat inbox/acme-DN-504.txt && python3 stock.py pos | awk -F'\t' '$1 == 7004 || $1 == 7009'

sku=$(awk '/PO7004/ {print $1}' inbox/acme-DN-504.txt) && qty=$(awk '/PO7004/ {print $3}' inbox/acme-DN-504.txt) && python3 stock.py adjust "$sku" "$qty" --date 2024-09-03 --reason "unmatched DN-504" && qty=$(awk '/PO7009/ {print $3}' inbox/acme-DN-504.txt) && python3 stock.py receive 7009 "$qty" --date 2024-09-03 --note DN-504

cat inbox/bolt_2024-09-04.json && python3 stock.py pos | awk -F'\t' '$1 == 7999 || $1 == 7011'

python3 - <<'EOF'
import json, subprocess
note = json.load(open("inbox/bolt_2024-09-04.json"))["deliveryNote"]
d, m, y = note["shippedOn"].split(".")
date = f"{y}-{m}-{d}"
pos = {l.split("\t")[0]: l.split("\t") for l in subprocess.run(["python3", "stock.py", "pos"], capture_output=True, text=True).stdout.splitlines()[1:]}
for item in note["items"]:
    po = item["orderRef"].replace("PO-", "")
    p = pos.get(po)
    if p is None or p[5] != "open" or p[2] != item["article"]:
        cmd = ["adjust", item["article"], str(item["quantity"]), "--date", date, "--reason", f"unmatched {note['number']}"]
    else:
        cmd = ["receive", po, str(item["quantity"]), "--date", date, "--note", note["number"]]
    print(subprocess.run(["python3", "stock.py", *cmd], capture_output=True, text=True).stdout.strip())
EOF

cat inbox/coil-mail-0904.eml && python3 stock.py pos | awk -F'\t' '$1 == 7012 || $1 == 7014'

python3 - <<'EOF'
import re, subprocess
pos = {int(l.split("\t")[0]): l.split("\t") for l in subprocess.run(["python3", "stock.py", "pos"], capture_output=True, text=True).stdout.splitlines()[1:]}
for qty, sku, po in re.findall(r"- (\d+) pcs (\S+) \(PO (\d+)\)", open("inbox/coil-mail-0904.eml").read()):
    p = pos.get(int(po))
    if p is None or p[5] != "open" or p[2] != sku:
        cmd = ["adjust", sku, qty, "--date", "2024-09-04", "--reason", "unmatched DN-506"]
    else:
        cmd = ["receive", po, qty, "--date", "2024-09-04", "--note", "DN-506"]
    print(subprocess.run(["python3", "stock.py", *cmd], capture_output=True, text=True).stdout.strip())
EOF

cat inbox/acme-DN-507.txt && python3 stock.py pos | awk -F'\t' '$1 == 7002 || $1 == 7015'

cat inbox/acme-DN-507.txt | awk '/your order PO/ {sub("PO", "", $NF); print $NF, $3}' | while read -r po qty; do python3 stock.py receive "$po" "$qty" --date 2024-09-05 --note DN-507; done

mv inbox/acme-DN-501.txt inbox/acme-DN-501-resent.txt inbox/bolt_2024-09-02.csv inbox/coil-mail-0903.eml inbox/acme-DN-504.txt inbox/bolt_2024-09-04.json inbox/coil-mail-0904.eml inbox/acme-DN-507.txt inbox/processed/ && ls -R inbox

sqlite3 stock.db "SELECT * FROM movements; SELECT p.sku, p.on_hand FROM products p;" | tail -30 && python3 stock.py pos --open

echo done
