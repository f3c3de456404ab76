class InsufficientStock(Exception):
    pass


class MissingPrice(KeyError):
    pass


class Inventory:
    def __init__(self, items={}):
        self.items = items

    def add(self, sku, qty):
        if qty <= 0:
            raise ValueError("quantity must be positive")
        self.items[sku] = self.items.get(sku, 0) + qty

    def remove(self, sku, qty):
        have = self.items.get(sku, 0)
        if qty > have:
            raise InsufficientStock(sku)
        self.items[sku] = have - qty

    def skus(self):
        return sorted(self.items)

    def low_stock(self, threshold):
        return sorted(sku for sku, qty in self.items.items() if qty <= threshold)

    def value(self, prices):
        total = 0
        for sku, qty in self.items.items():
            if sku in prices:
                total += round(qty * prices[sku], 2)
        return total

    @classmethod
    def from_csv(cls, text):
        inv = cls()
        for line in text.splitlines():
            if not line.strip() or line.strip() == "sku,qty":
                continue
            sku, qty = line.split(",")
            inv.items[sku.strip()] = int(qty)
        return inv
