cat README.md textkit/core.py && ls tests

python3 -m pytest -q 2>&1 | tail -25

python3 - <<'EOF'
from pathlib import Path
p = Path("textkit/core.py")
s = p.read_text()
s = s.replace('''    out = []
    for ch in text.lower():
        out.append(ch if ch.isalnum() else "-")
    return "".join(out)''', '''    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")''')
s = s.replace("import unicodedata", "import re\nimport unicodedata")
s = s.replace('''    if len(text) <= n:
        return text
    return text[:n] + suffix''', '''    if n < len(suffix):
        raise ValueError("n is smaller than the suffix")
    if len(text) <= n:
        return text
    return text[: n - len(suffix)] + suffix''')
s = s.replace("len(current) + 1 + len(word) < width", "len(current) + 1 + len(word) <= width")
p.write_text(s)
EOF

python3 -c "from textkit import *; print(slugify('Crème Brûlée -- 2024!'), truncate('abcdefghij', 6, '~'), wrap('a verylongword b', 5))"

python3 -m pytest -q 2>&1 | tail -1
