find incoming -type f | sed 's/[0-9]/9/g' | sort | uniq -c

find incoming -type f | head -20 && find library -type f

python3 - <<'EOF'
import re, shutil
from pathlib import Path
pat = re.compile(r"^(?:IMG|PXL)_(\d{4})(\d{2})(\d{2})_(\d{6})\d*\.(?:jpe?g)$", re.I)
for p in sorted(Path("incoming").rglob("*")):
    if not p.is_file():
        continue
    m = pat.match(p.name)
    if m:
        y, mo, d, t = m.groups()
        dest = Path("library", y, mo, f"{y}-{mo}-{d}_{t}.jpg")
    elif p.suffix == ".png":
        dest = Path("library/screenshots", p.name)
    else:
        print("skip", p)
        continue
    assert not dest.exists(), dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(p), dest)
EOF

find incoming -type f && find library -type f | wc -l && find library -type f | sort | head

echo done
