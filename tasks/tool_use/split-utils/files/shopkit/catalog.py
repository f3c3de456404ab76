from shopkit.utils import format_money, slugify, title_case


class Product:
    def __init__(self, name, price_cents):
        self.name = title_case(name)
        self.slug = slugify(name)
        self.price_cents = price_cents

    def label(self):
        return f"{self.name} ({format_money(self.price_cents)})"
