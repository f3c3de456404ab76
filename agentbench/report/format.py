"""How numbers read in the report and the Markdown export: short, with no more precision than they carry."""

from __future__ import annotations

import math

NOT_AVAILABLE = "n/a"
NO_PRICE = "no price"


def missing(value: object) -> bool:
    """True for None, NaN and pandas' NA."""
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN and NA are not equal to themselves
    except TypeError:
        return True


def percent(value: object) -> str:
    return NOT_AVAILABLE if missing(value) else f"{100 * float(value):.1f}%"


def rank(best: object, worst: object) -> str:
    """'1' when the rank is certain, '1-3' when overlapping intervals leave it open."""
    if missing(best) or missing(worst):
        return NOT_AVAILABLE
    return str(int(best)) if int(best) == int(worst) else f"{int(best)}-{int(worst)}"


def of(successes: object, samples: object) -> str:
    """The counts behind a percentage: '(12/35)'."""
    if missing(successes) or missing(samples):
        return ""
    return f"({int(successes)}/{int(samples)})"


def interval(low: object, high: object) -> str:
    if missing(low) or missing(high):
        return ""
    return f"[{100 * float(low):.1f}, {100 * float(high):.1f}]"


def count(value: object) -> str:
    """Token and other counts: exact below 10,000, then k and M with three significant figures."""
    if missing(value):
        return NOT_AVAILABLE
    number = float(value)
    if abs(number) >= 1e6:
        return f"{number / 1e6:.3g}M"
    if abs(number) >= 1e4:
        return f"{number / 1e3:.3g}k"
    return f"{number:,.0f}" if number == round(number) else f"{number:,.1f}"


def seconds(value: object) -> str:
    if missing(value):
        return NOT_AVAILABLE
    number = float(value)
    if number < 0.1:
        return f"{number * 1000:.0f} ms"
    return f"{number:.3g} s" if number < 1000 else f"{number:,.0f} s"


def dollars(value: object, priced: bool = True) -> str:
    """Three significant figures; 'no price' for unpriced models and 'n/a' for an undefined cost."""
    if not priced:
        return NO_PRICE
    if missing(value):
        return NOT_AVAILABLE
    number = float(value)
    if number == 0:
        return "$0"
    if abs(number) >= 1000:
        return f"${number:,.0f}"
    return f"${number:.3g}" if abs(number) >= 1e-4 else f"${number:.2e}"


def length(value: object) -> str:
    """Context lengths: 1k, 128k, 1M (binary-free, as the grid is written)."""
    if missing(value):
        return NOT_AVAILABLE
    number = int(value)
    if number >= 1_000_000 and number % 1_000_000 == 0:
        return f"{number // 1_000_000}M"
    if number >= 1000 and number % 1000 == 0:
        return f"{number // 1000}k"
    return f"{number:,}"


def sort_key(value: object) -> str:
    """The `data-v` a sortable table cell carries: a plain number, or empty for a missing value."""
    if missing(value):
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "" if math.isinf(float(value)) else repr(float(value))
    return str(value)
