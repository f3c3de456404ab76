# Wrong (the trap): takes the first advisory for any package in the tree, whatever version is installed.
python3 - <<'PY'
import json
def deps(name):
    return list(json.load(open(f"packages/{name}/package.json"))["dependencies"])
adv = json.load(open("advisories.json"))["advisories"]
lock = json.load(open("lock.json"))["resolved"]
for a in adv:
    for direct in deps("storefront"):
        seen, stack = set(), [direct]
        while stack:
            n = stack.pop()
            if n not in seen:
                seen.add(n)
                stack += deps(n)
        if a["package"] in seen:
            print(f"{direct},{a['id']},{a['package']}@{lock[a['package']]}")
            raise SystemExit
PY
