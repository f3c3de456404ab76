"""Runs the agent's PriceBook.totals() against a counting pricing client; writes what it saw as JSON."""
import json
import os
import sys

code_dir, seed, result_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from basket_data import generate  # noqa: E402

known, baskets = generate(seed)
calls = []


def fetch_many(skus):
    skus = list(skus)
    calls.append(skus)
    return {s: known[s] for s in skus if s in known}


client = type("Client", (), {"fetch_many": staticmethod(fetch_many)})()
sys.path.insert(0, code_dir)
from catalog.pricing import PriceBook  # noqa: E402

totals = PriceBook(client).totals(baskets)
with open(result_file, "w") as f:
    json.dump({"totals": totals, "calls": calls}, f)
os._exit(0)
