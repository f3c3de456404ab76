# Wrong: copies the files into library/ and leaves the originals in incoming/.
python3 - <<'PY'
import re, shutil
from pathlib import Path
pat = re.compile(r"^(?:IMG|PXL)_(\d{4})(\d{2})(\d{2})_(\d{6})\d*\.(?:jpe?g)$", re.I)
for p in sorted(Path("incoming").rglob("*")):
    m = pat.match(p.name) if p.is_file() else None
    if m:
        y, mo, d, t = m.groups()
        dest = Path("library", y, mo, f"{y}-{mo}-{d}_{t}.jpg")
    elif p.is_file() and p.suffix == ".png":
        dest = Path("library/screenshots", p.name)
    else:
        continue
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(p, dest)
PY

echo done
