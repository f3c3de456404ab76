"""ratesvc: currency conversion over HTTP for the checkout.

    GET /convert?from=EUR&to=JPY&amount=125.50  ->  {"from": ..., "to": ..., "amount": "...", "result": "..."}
    GET /health

Configuration is layered, later layers win:
  1. conf/ratesvc.ini
  2. conf/conf.d/*.ini, in file-name order
  3. conf/ratesvc.env (KEY=VALUE lines, RATESVC_<SECTION>_<KEY>, e.g. RATESVC_SERVICE_PORT=8400)
Run: python3 svc/ratesvc.py [conf-dir]   (default conf/, relative to the current directory)
"""
import configparser
import csv
import json
import sys
import time
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

ROUNDING = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN, "down": ROUND_DOWN}


def load_config(conf_dir):
    """The effective configuration and the list of sources it came from."""
    conf_dir = Path(conf_dir)
    parser = configparser.ConfigParser()
    parser.optionxform = str
    sources = [conf_dir / "ratesvc.ini", *sorted((conf_dir / "conf.d").glob("*.ini"))]
    parser.read(sources)
    env_file = conf_dir / "ratesvc.env"
    if env_file.is_file():
        sources.append(env_file)
        for line in env_file.read_text().splitlines():
            line = line.strip()
            if not line or line.startswith("#") or "=" not in line:
                continue
            key, value = line.split("=", 1)
            _, section, option = key.strip().split("_", 2)
            section = section.lower()
            if not parser.has_section(section):
                parser.add_section(section)
            parser.set(section, option.lower(), value.strip())
    return parser, [str(s) for s in sources]


def load_rates(path):
    """EUR-based rates: currency -> units of that currency per 1 EUR."""
    with open(path, newline="") as f:
        rates = {row["currency"]: Decimal(row["per_eur"]) for row in csv.DictReader(f)}
    rates["EUR"] = Decimal(1)
    return rates


def convert(config, rates, source, target, amount):
    decimals = config.getint("decimals", target, fallback=config.getint("decimals", "default"))
    rounding = ROUNDING[config.get("service", "rounding")]
    value = Decimal(amount) / rates[source] * rates[target]
    fee = value * Decimal(config.get("service", "fee_bps")) / Decimal(10000)
    quantum = Decimal(1).scaleb(-decimals)
    return (value - fee).quantize(quantum, rounding=rounding)


def main():
    conf_dir = sys.argv[1] if len(sys.argv) > 1 else "conf"
    config, sources = load_config(conf_dir)
    rates_file = config.get("service", "rates_file")
    rates = load_rates(rates_file)
    log = open(config.get("service", "log_file"), "a", buffering=1)
    log.write(f"{time.strftime('%Y-%m-%dT%H:%M:%S')} start sources={','.join(sources)} rates={rates_file}\n")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            url = urlparse(self.path)
            q = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/health":
                return self.reply(200, {"status": "ok"})
            if url.path != "/convert":
                return self.reply(404, {"error": "not found"})
            try:
                result = convert(config, rates, q["from"], q["to"], q["amount"])
            except Exception as exc:  # the checkout shows the error text
                return self.reply(400, {"error": f"{type(exc).__name__}: {exc}"})
            log.write(f"{time.strftime('%Y-%m-%dT%H:%M:%S')} convert {q['from']}->{q['to']} {q['amount']} = {result}\n")
            self.reply(200, {"from": q["from"], "to": q["to"], "amount": q["amount"], "result": str(result)})

        def reply(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    ThreadingHTTPServer((config.get("service", "host"), config.getint("service", "port")), Handler).serve_forever()


if __name__ == "__main__":
    main()
