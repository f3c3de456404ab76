python3 desk.py --help && python3 desk.py list --status open | head -20

python3 desk.py list --status open | python3 -c "
import sys, collections
g = collections.defaultdict(list)
for line in list(sys.stdin)[1:]:
    tid, rep, st, created, title = line.rstrip('\n').split('\t')
    g[(rep, ' '.join(title.split()).lower())].append((created, int(tid)))
for k, v in g.items():
    if len(v) > 1:
        print(k, sorted(v))
"

python3 desk.py list --status open | python3 -c "
import sys, collections, subprocess
g = collections.defaultdict(list)
for line in list(sys.stdin)[1:]:
    tid, rep, st, created, title = line.rstrip('\n').split('\t')
    g[(rep, ' '.join(title.split()).lower())].append((created, int(tid)))
for v in g.values():
    v.sort()
    for _, dup in v[1:]:
        print(subprocess.run(['python3', 'desk.py', 'merge', str(dup), str(v[0][1])], capture_output=True, text=True).stdout.strip())
"

sqlite3 helpdesk.db "SELECT id, reporter, title, status, resolution FROM tickets WHERE resolution LIKE 'duplicate%'; SELECT COUNT(*) FROM audit;"

echo done
