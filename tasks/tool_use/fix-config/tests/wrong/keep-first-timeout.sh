# Wrong (the trap): removes the later duplicate timeout instead of the earlier one, and leaves the
# data directory pointing at a path that does not exist.
python3 - <<'PY'
from pathlib import Path
p = Path("service.ini")
text = p.read_text()
text = text.replace("port = 8O80", "port = 8080")
text = text.replace("timeout = 45\n", "", 1)
text = text.replace("url = postgres://", "url = postgresql://")
text = text.replace("pool_size = 80", "pool_size = 32")
text = text.replace("beta_ui = Yes", "beta_ui = true")
text = text.replace("legacy_api = False", "legacy_api = false")
p.write_text(text)
PY

echo done
