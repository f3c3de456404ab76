"""Run by agentbench before the agent's processes are killed: ask whatever listens on
127.0.0.1:8400 for random conversions and print one JSON line per query (verify.py checks them)."""
import json
import random
import urllib.request

CURRENCIES = ["CHF", "EUR", "GBP", "JPY", "KWD", "PLN", "SEK", "USD"]
rng = random.SystemRandom()
for _ in range(120):
    source, target = rng.sample(CURRENCIES, 2)
    amount = f"{rng.uniform(0.5, 5000):.2f}"
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:8400/convert?from={source}&to={target}&amount={amount}", timeout=5) as reply:
            body = json.loads(reply.read(4096))
        result = body.get("result") if isinstance(body, dict) else None
    except (OSError, ValueError) as exc:
        result = f"no answer: {type(exc).__name__}"
    print(json.dumps({"from": source, "to": target, "amount": amount, "result": str(result)}))
