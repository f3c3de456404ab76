from shopkit import utils


class Cart:
    def __init__(self):
        self.lines = []

    def add(self, name, price_text, qty=1):
        self.lines.append((name, utils.parse_money(price_text), qty))

    def total_cents(self):
        return sum(price * qty for _, price, qty in self.lines)

    def summary(self):
        return f"{len(self.lines)} items, {utils.format_money(self.total_cents())}"
