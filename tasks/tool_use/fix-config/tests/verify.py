from abverify import WORK, finish

import configparser
notes, checks = [], []
cp = configparser.ConfigParser(interpolation=None, strict=True)
try:
    cp.read_string((WORK / "service.ini").read_text())
    parsed = True
except (OSError, configparser.Error) as exc:
    parsed = False
    notes.append(f"service.ini does not parse strictly: {str(exc).splitlines()[0]}")
def get(section, key):
    return cp.get(section, key, fallback=None) if parsed else None
def check(name, ok):
    checks.append(ok)
    if not ok:
        notes.append(f"failed: {name}")
check("strict parse (no duplicate keys)", parsed)
check("port is 8080", get("server", "port") == "8080")
check("timeout keeps the value production used (45)", get("server", "timeout") == "45")
check("database url uses postgresql:// and keeps the rest",
      get("database", "url") == "postgresql://orders:orders@db.internal:5432/orders")
pool = get("database", "pool_size")
check("pool_size is an integer within 1..32", pool is not None and pool.isdigit() and 1 <= int(pool) <= 32)
check("data_dir points at the existing data directory",
      get("paths", "data_dir") in ("data", "data/", "./data", "./data/"))
check("beta_ui is true", get("features", "beta_ui") == "true")
check("legacy_api is false", get("features", "legacy_api") == "false")
unchanged = {("server", "host"): "0.0.0.0", ("server", "workers"): "8", ("server", "access_log"): "true",
             ("database", "connect_timeout"): "5", ("paths", "log_dir"): "logs",
             ("paths", "template_dir"): "templates", ("features", "fast_checkout"): "false",
             ("logging", "level"): "INFO", ("logging", "format"): "%%(asctime)s %%(levelname)s %%(message)s"}
# Gates: what doing nothing also meets earns no credit on its own.
gates = {"other settings unchanged": all(get(s, k) == v for (s, k), v in unchanged.items()),
         "data/, logs/ and templates/ still exist": all((WORK / d).is_dir() for d in ("data", "logs", "templates"))}
notes += [f"failed: {name}" for name, ok in gates.items() if not ok]
finish(sum(checks), len(checks), notes, gates_ok=all(gates.values()))
