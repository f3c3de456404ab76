# Wrong (the trap): keeps the fractions of a second that some file names carry.
python3 - <<'PY'
import re, shutil
from pathlib import Path
pat = re.compile(r"^(?:IMG|PXL)_(\d{4})(\d{2})(\d{2})_(\d{6}\d*)\.(?:jpe?g)$", re.I)
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
        continue
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(p), dest)
PY

echo done
