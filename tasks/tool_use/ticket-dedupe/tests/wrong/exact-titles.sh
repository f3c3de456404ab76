# Wrong (the trap): groups by the exact title, so differences in case and whitespace hide duplicates.
python3 desk.py list --status open | python3 -c "
import sys, collections, subprocess
g = collections.defaultdict(list)
for line in list(sys.stdin)[1:]:
    tid, rep, st, created, title = line.rstrip('\n').split('\t')
    g[(rep, title)].append((created, int(tid)))
for v in g.values():
    v.sort()
    for _, dup in v[1:]:
        subprocess.run(['python3', 'desk.py', 'merge', str(dup), str(v[0][1])])
"

echo done
