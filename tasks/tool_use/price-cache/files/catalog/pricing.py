"""Prices for basket lines, from the pricing service.

The pricing service client is passed in (`client`); it has one method:
    client.fetch_many(skus: list[str]) -> dict[str, int]   # canonical SKU -> price in cents
It accepts at most 50 SKUs per call, and only canonical SKUs: upper case, no surrounding
whitespace, no leading zeros in the numeric part ("ab-007 " -> "AB-7"). A SKU it does not
know is missing from the answer.
"""
import re

BATCH = 50


def canonical(sku):
    prefix, _, number = sku.strip().upper().partition("-")
    return f"{prefix}-{int(number)}"


class PriceBook:
    def __init__(self, client):
        self.client = client
        self.cache = {}

    def price(self, sku):
        """Price in cents of one SKU, or None when the pricing service does not know it."""
        if sku not in self.cache:
            answer = self.client.fetch_many([canonical(sku)])
            self.cache[canonical(sku)] = answer.get(canonical(sku))
        return self.cache.get(canonical(sku))

    def basket_total(self, lines):
        """Total in cents of [(sku, quantity)]; lines whose SKU is unknown are skipped."""
        total = 0
        for sku, quantity in lines:
            price = self.price(sku)
            if price is not None:
                total += price * quantity
        return total

    def totals(self, baskets):
        """{basket id: total} for {basket id: lines}."""
        return {basket_id: self.basket_total(lines) for basket_id, lines in baskets.items()}
