"""Lint service.ini: prints one line per problem, exits 1 if there is any."""
import configparser, os, sys

def problems(path):
    cp = configparser.ConfigParser(interpolation=None, strict=True)
    try:
        with open(path) as fh:
            cp.read_file(fh)
    except configparser.Error as exc:
        return [f"parse error: {str(exc).splitlines()[0]}"]
    out = []
    def integer(section, key, lo=None, hi=None):
        try:
            v = int(cp[section][key])
        except (KeyError, ValueError):
            out.append(f"[{section}] {key}: not an integer")
            return None
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            out.append(f"[{section}] {key}: {v} out of range")
        return v
    integer("server", "port", 1024, 65535)
    workers = integer("server", "workers", 1)
    integer("server", "timeout", 1)
    integer("database", "pool_size", 1, 4 * workers if workers else None)
    integer("database", "connect_timeout", 1)
    if not cp.get("database", "url", fallback="").startswith("postgresql://"):
        out.append("[database] url: scheme must be postgresql://")
    for key, value in cp["paths"].items() if cp.has_section("paths") else []:
        if os.path.isabs(value) or not os.path.isdir(value):
            out.append(f"[paths] {key}: {value} is not an existing relative directory")
    for section, keys in (("server", ["access_log"]), ("features", None)):
        if not cp.has_section(section):
            continue
        for key in keys or list(cp[section]):
            if cp[section].get(key) not in ("true", "false"):
                out.append(f"[{section}] {key}: booleans must be true or false")
    if cp.get("logging", "level", fallback="") not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        out.append("[logging] level: invalid")
    return out

if __name__ == "__main__":
    found = problems(sys.argv[1] if len(sys.argv) > 1 else "service.ini")
    for line in found:
        print(line)
    print("OK" if not found else f"{len(found)} problem(s)")
    sys.exit(1 if found else 0)
