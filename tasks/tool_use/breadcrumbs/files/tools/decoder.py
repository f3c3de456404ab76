"""Decode a clue number."""
import sys

TABLE = {4471: "Look up order 4471 in orders.db; its note says where to go.", 4417: "Wrong number."}

if __name__ == "__main__":
    try:
        print(TABLE[int(sys.argv[1])])
    except (IndexError, ValueError, KeyError):
        print("usage: python3 tools/decoder.py NUMBER (ask the clue for the number)")
        sys.exit(1)
