cat docs/slots.md slots/intervals.py

python3 -m pytest -q 2>&1 | tail -15

python3 - <<'EOF'
from pathlib import Path
p = Path("slots/intervals.py")
s = p.read_text()
s = s.replace('''    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)''', '''    match = re.fullmatch(r"(\\d{1,2}):(\\d{2})", text)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValueError(f"invalid time: {text!r}")
    return int(match.group(1)) * 60 + int(match.group(2))''')
s = "import re\n\n\n" + s
s = s.replace('return f"{minutes // 60}:{minutes % 60}"', 'return f"{minutes // 60:02d}:{minutes % 60:02d}"')
s = s.replace('''    for start, end in intervals:
        if out and start < out[-1][1]:''', '''    for start, end in sorted(i for i in intervals if i[0] < i[1]):
        if out and start <= out[-1][1]:''')
s = s.replace('''    for start, end in merge(busy):
        if start > cursor:
            slots.append((cursor, start))
        cursor = max(cursor, end)
    return slots''', '''    for start, end in merge(busy):
        start = min(max(start, day_start), day_end)
        if start > cursor:
            slots.append((cursor, start))
        cursor = max(cursor, min(end, day_end))
    if cursor < day_end:
        slots.append((cursor, day_end))
    return [(a, b) for a, b in slots if b - a >= max(min_length, 1)]''')
p.write_text(s)
EOF

cat slots/intervals.py && python3 -c "from slots import *; print(free_slots([(400, 560), (1000, 1200)], 540, 1020), parse_time('9:05'))"

python3 -m pytest -q 2>&1 | tail -1
