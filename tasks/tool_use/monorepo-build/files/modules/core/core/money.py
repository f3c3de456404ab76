"""Money as integer cents of one currency."""
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


def cents(text):
    """'12.345' -> 1235: a decimal string to integer cents, rounded half up."""
    return int((Decimal(text) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Money:
    cents: int
    currency: str = "EUR"

    def add(self, other):
        if other.currency != self.currency:
            raise ValueError(f"cannot add {other.currency} to {self.currency}")
        return Money(self.cents + other.cents, self.currency)

    def scale(self, factor):
        """Multiply by a decimal factor, rounding half up to the cent."""
        value = (Decimal(self.cents) * Decimal(str(factor))).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return Money(int(value), self.currency)

    def split(self, parts):
        base, extra = divmod(self.cents, parts)
        return [Money(base + (1 if i < extra else 0), self.currency) for i in range(parts)]

    def __str__(self):
        sign = "-" if self.cents < 0 else ""
        return f"{sign}{abs(self.cents) // 100}.{abs(self.cents) % 100:02d} {self.currency}"
