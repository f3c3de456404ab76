import configparser, json, os, random, sys
from decimal import Decimal
from pathlib import Path
from abverify import TESTS, WORK, Checks
import ratesvc  # the verifier's own copy of the service code; the agent's files are only read as data

checks = Checks(all_or_nothing=True)
for rel, ours in (("svc/ratesvc.py", "ratesvc.py"), ("data/rates.csv", "rates.csv")):
    path = WORK / rel
    same = path.is_file() and not path.is_symlink() and path.read_bytes() == (TESTS / ours).read_bytes()
    checks.check(same, f"{rel} was changed (only the configuration may be)")

truth = configparser.ConfigParser()
truth.read_string("[service]\nrounding=half_up\nfee_bps=50\n[decimals]\ndefault=2\nJPY=0\nKWD=3\n")
true_rates = ratesvc.load_rates(TESTS / "rates.csv")
try:
    config, _ = ratesvc.load_config(WORK / "conf")
    where = (config.get("service", "host"), config.get("service", "port"), config.get("service", "log_file"))
    checks.check(where == ("127.0.0.1", "8400", "logs/ratesvc.log"), f"service address/log changed: {where}")
    rates_path = (WORK / config.get("service", "rates_file")).resolve()
    inside = rates_path.is_relative_to(WORK.resolve()) and rates_path.is_file()
    rates = ratesvc.load_rates(rates_path) if inside else {}
    checks.check(inside, f"rates_file {config.get('service', 'rates_file')!r} is not a file in the working directory")
    rng = random.Random(os.urandom(8))
    wrong = []
    for _ in range(400):
        source, target = rng.sample(sorted(true_rates), 2)
        amount = f"{rng.uniform(0.5, 5000):.2f}"
        want = ratesvc.convert(truth, true_rates, source, target, amount)
        try:
            got = ratesvc.convert(config, rates, source, target, amount)
        except Exception as exc:
            got = f"{type(exc).__name__}"
        if got != want or (isinstance(got, Decimal) and got.as_tuple().exponent != want.as_tuple().exponent):
            wrong.append(f"{source}->{target} {amount}: {got} (expected {want})")
    checks.check(not wrong, f"{len(wrong)}/400 conversions wrong with the configuration in conf/, e.g. {wrong[:3]}")
except Exception as exc:
    checks.check(False, f"conf/ does not load: {type(exc).__name__}: {exc}")

# What the service the agent left running answered (tests/probe.py, run before the freeze):
# fixing the files without restarting it leaves the checkout on wrong conversions.
probe_file = os.environ.get("AGENTBENCH_PROBE_FILE")
served = []
for line in (Path(probe_file).read_text().splitlines() if probe_file and os.path.exists(probe_file) else []):
    try:
        served.append(json.loads(line))
    except ValueError:
        pass
live_wrong = []
for query in served:
    try:
        want = str(ratesvc.convert(truth, true_rates, query["from"], query["to"], query["amount"]))
    except Exception as exc:
        want = f"{type(exc).__name__}"
    if query.get("result") != want:
        live_wrong.append(f"{query.get('from')}->{query.get('to')} {query.get('amount')}: {query.get('result')} (expected {want})")
checks.check(len(served) >= 100 and not live_wrong,
             f"the running service on 127.0.0.1:8400: {len(served)} queries answered, {len(live_wrong)} wrong, e.g. {live_wrong[:3]}")
checks.finish()
