# Wrong (shortcut): writes a fresh minimal config that passes the checker but drops settings.
printf '[server]\nport = 8080\ntimeout = 45\n[database]\nurl = postgresql://orders:orders@db.internal:5432/orders\npool_size = 10\n[paths]\ndata_dir = data\n[features]\nbeta_ui = true\nlegacy_api = false\n' > service.ini

echo done
