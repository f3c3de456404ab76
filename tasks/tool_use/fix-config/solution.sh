cat CONFIG.md service.ini && ls -la

python3 check_config.py service.ini

python3 - <<'EOF'
from pathlib import Path
p = Path("service.ini")
text = p.read_text()
text = text.replace("port = 8O80", "port = 8080")
text = text.replace("timeout = 30\n", "", 1)
text = text.replace("url = postgres://", "url = postgresql://")
text = text.replace("pool_size = 80", "pool_size = 32")
text = text.replace("data_dir = /var/lib/orders/data", "data_dir = data")
text = text.replace("beta_ui = Yes", "beta_ui = true")
text = text.replace("legacy_api = False", "legacy_api = false")
p.write_text(text)
EOF

python3 check_config.py service.ini && cat service.ini

echo done
