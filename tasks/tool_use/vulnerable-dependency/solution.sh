cat README.md advisories.json && ls packages

cat packages/storefront/package.json lock.json

python3 - <<'EOF'
import json
def deps(name):
    return list(json.load(open(f"packages/{name}/package.json"))["dependencies"])
lock = json.load(open("lock.json"))["resolved"]
for direct in deps("storefront"):
    seen, stack = set(), [direct]
    while stack:
        n = stack.pop()
        if n not in seen:
            seen.add(n)
            stack += deps(n)
    print(direct, sorted(f"{n}@{lock[n]}" for n in seen))
EOF

python3 - <<'EOF'
import json
adv = json.load(open("advisories.json"))["advisories"]
lock = json.load(open("lock.json"))["resolved"]
for a in adv:
    print(a["id"], a["package"], lock.get(a["package"]), lock.get(a["package"]) in a["vulnerable"])
EOF

grep -l crypto-utils packages/*/package.json && grep -l bigint-lib packages/*/package.json

echo "payments-sdk,ADV-2024-013,bigint-lib@2.1.0"
