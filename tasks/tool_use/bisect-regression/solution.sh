cd pricing && cat README.md | head -5 && git log --oneline | head -5 && git log --oneline | wc -l && python3 check.py

cd pricing && git log --reverse --format='%h %ad %s' --date=short | head -3 && git checkout -q "$(git rev-list --max-parents=0 HEAD)" && python3 check.py; git checkout -q main

printf '#!/bin/sh\nout=$(python3 check.py 2>&1)\ncase "$out" in *ModuleNotFoundError*|*ImportError*) exit 125;; esac\necho "$out" | grep -q "^ok$"\n' > /tmp/bisect-check.sh && cat /tmp/bisect-check.sh

cd pricing && git bisect start main "$(git rev-list --max-parents=0 HEAD)" >/dev/null && git bisect run sh /tmp/bisect-check.sh > /tmp/bisect.log 2>&1; tail -12 /tmp/bisect.log; git bisect reset -q main

cd pricing && for c in $(grep -oE '^[0-9a-f]{40}' /tmp/bisect.log); do echo "== $c"; git show --format='%s' "$c" -- pricing/core.py | grep -E '^[-+] ' ; done

cd pricing && for c in $(grep -oE '^[0-9a-f]{40}' /tmp/bisect.log); do if git show --format= "$c" -- pricing/core.py | grep -q '^+    return int(round(cents_value))'; then echo "$c"; fi; done > /tmp/culprit.txt; c=$(cat /tmp/culprit.txt); git show --stat "$c" | head -8; git checkout -q "$c" && mkdir -p /tmp/probe && cp -r . /tmp/probe/repo && git checkout -q main && cd /tmp/probe/repo && printf "RATES = {}\n" > pricing/tax.py && python3 check.py; cd /tmp/probe/repo && git checkout -q "$c~1" && printf "RATES = {}\n" > pricing/tax.py && python3 check.py

cat /tmp/culprit.txt && rm -rf /tmp/culprit.txt /tmp/probe /tmp/bisect.log /tmp/bisect-check.sh
