# Wrong: keeps the ticket with the lowest id instead of the oldest one.
python3 desk.py list --status open | python3 -c "
import sys, collections, subprocess
g = collections.defaultdict(list)
for line in list(sys.stdin)[1:]:
    tid, rep, st, created, title = line.rstrip('\n').split('\t')
    g[(rep, ' '.join(title.split()).lower())].append(int(tid))
for v in g.values():
    v.sort()
    for dup in v[1:]:
        subprocess.run(['python3', 'desk.py', 'merge', str(dup), str(v[0])])
"

echo done
