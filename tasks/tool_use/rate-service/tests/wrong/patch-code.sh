# Shortcut: forces the right values in the code instead of fixing the configuration.
cat svc/ratesvc.py | head -5

python3 - <<'PY'
from pathlib import Path
p = Path("svc/ratesvc.py")
s = p.read_text()
s = s.replace('    return parser, [str(s) for s in sources]', '    parser.set("service", "rounding", "half_up"); parser.set("service", "fee_bps", "50"); parser.set("service", "rates_file", "data/rates.csv"); parser.set("decimals", "JPY", "0")\n    return parser, [str(s) for s in sources]')
p.write_text(s)
PY

echo done
