"""Runs the agent's PriceBook.totals() against the pricing client; writes the totals as JSON.

The client asks the verifier over a Unix socket: the verifier holds the prices and counts every
call in its own process, so nothing in this one (where the agent's code runs) can see the
prices without asking or change the count.
"""
import json
import socket
import sys

code_dir, baskets_file, socket_path, result_file = sys.argv[1:5]
baskets = {b: [tuple(line) for line in lines] for b, lines in json.load(open(baskets_file)).items()}
connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
connection.connect(socket_path)
replies = connection.makefile("rb")


def fetch_many(skus):
    connection.sendall(json.dumps(list(skus)).encode() + b"\n")
    return json.loads(replies.readline())


client = type("Client", (), {"fetch_many": staticmethod(fetch_many)})()
sys.path.insert(0, code_dir)
from catalog.pricing import PriceBook  # noqa: E402

totals = PriceBook(client).totals(baskets)
with open(result_file, "w") as f:
    json.dump({"totals": totals}, f)
