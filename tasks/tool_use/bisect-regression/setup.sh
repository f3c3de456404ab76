#!/bin/bash
# Builds the `pricing` repository: 180 commits with fixed authors and dates (deterministic hashes).
# The rounding regression lands once and is reverted, then comes back in a later "refactor"
# made inside a stretch of commits where the check cannot run at all. Deletes itself.
set -e
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
mkdir pricing && cd pricing
git init -q -b main .
python3 - <<'PY' | git fast-import --quiet --done
import random, sys
rng = random.Random(77)
good_round = "    return int(Decimal(cents_value).quantize(Decimal(1), rounding=ROUND_HALF_UP))\n"
bad_round = "    return int(round(cents_value))\n"
files = {}
def price_module(rounding, broken_import, extra):
    return ("from decimal import Decimal, ROUND_HALF_UP\n" + ("from pricing.tax import RATES\n" if broken_import else "") +
            "\n\ndef to_cents(cents_value):\n    \"\"\"Round a fractional cent amount half up.\"\"\"\n" + rounding +
            "\n\ndef net(gross_cents, discount_pct):\n    return to_cents(Decimal(gross_cents) * (100 - Decimal(discount_pct)) / 100)\n" + extra)
files["pricing/__init__.py"] = ""
files["check.py"] = "import sys\nsys.path.insert(0, '.')\nfrom pricing.core import net\nassert net(1005, 50) == 503, net(1005, 50)\nassert net(250, 10) == 225\nprint('ok')\n"
files["README.md"] = "# pricing\n\n`python3 check.py` prints ok when prices are right.\n"
state = {"rounding": good_round, "broken": False, "extra": ""}
plan = {45: ("bad", "Simplify to_cents"), 46: ("good", "Revert \"Simplify to_cents\""),
        110: ("broken", "Split tax rates out of core (WIP)"), 113: ("bad", "Refactor rounding helpers"),
        118: ("fixed", "Finish tax split")}
out = sys.stdout.buffer
def data(text):
    raw = text.encode()
    out.write(b"data %d\n" % len(raw) + raw + b"\n")
for i in range(180):
    action, message = plan.get(i, (None, None))
    if action == "bad":
        state["rounding"] = bad_round
    elif action == "good":
        state["rounding"] = good_round
    elif action == "broken":
        state["broken"] = True
    elif action == "fixed":
        state["broken"] = False
        files["pricing/tax.py"] = "RATES = {'DE': 19, 'FR': 20}\n"
    else:
        n = rng.randint(1, 9999)
        kind = rng.choice(["docs", "extra", "data"])
        if kind == "docs":
            files["README.md"] += f"\nNote {n}: see ticket PRC-{n}.\n"
            message = f"Docs: note PRC-{n}"
        elif kind == "extra":
            state["extra"] += f"\n\ndef helper_{i}(x):\n    return x + {n}\n"
            message = f"Add helper_{i}"
        else:
            files[f"data/table_{i % 7}.csv"] = f"code,value\nX{n},{rng.randint(1, 99)}\n"
            message = f"Update table {i % 7}"
    files["pricing/core.py"] = price_module(state["rounding"], state["broken"], state["extra"])
    stamp = 1704096000 + i * 86400 + (i % 8) * 3600
    out.write(b"commit refs/heads/main\n")
    out.write(b"author Dev Team <dev@example.org> %d +0000\ncommitter Dev Team <dev@example.org> %d +0000\n" % (stamp, stamp))
    data(message + "\n")
    for path in sorted(files):
        out.write(f"M 100644 inline {path}\n".encode())
        data(files[path])
out.write(b"done\n")
PY
git reset -q --hard main
cd .. && rm -f -- "$0"
