import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from catalog.pricing import PriceBook, canonical  # noqa: E402


class FakeClient:
    def __init__(self, prices):
        self.prices, self.calls = prices, []

    def fetch_many(self, skus):
        assert len(skus) <= 50 and all(s == canonical(s) for s in skus)
        self.calls.append(list(skus))
        return {s: self.prices[s] for s in skus if s in self.prices}


def test_canonical():
    assert canonical(" ab-007 ") == "AB-7"


def test_totals():
    client = FakeClient({"AB-7": 250, "CD-12": 99})
    book = PriceBook(client)
    assert book.totals({"b1": [("ab-007", 2), ("CD-12", 1)], "b2": [("XX-1", 3), ("cd-0012 ", 2)]}) == {"b1": 599, "b2": 198}
