"""Token usage as a server reports it, trusted only when it can be true: whole, non-negative counts
below any context window that exists. Anything else (negative counts, text, 10^15 tokens) is dropped
and the call's tokens are counted instead, so no sample's tokens or cost come from nonsense."""

from __future__ import annotations

PLAUSIBLE_TOKENS = 100_000_000
"""More tokens than any model's context window: a count above it cannot be true."""
COUNTS = ("prompt_tokens", "completion_tokens", "total_tokens")
DETAILS = {"prompt_tokens_details": ("cached_tokens",), "completion_tokens_details": ("reasoning_tokens",)}


def _count_problem(name: str, value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (isinstance(value, float) and not value.is_integer()):
        return f"{name} is {value!r:.40}, not a whole number"
    if not 0 <= value <= PLAUSIBLE_TOKENS:
        return f"{name} is {value:,.0f}"
    return None


def usage_problem(usage: object) -> str | None:
    """Why a completion's `usage` cannot be true, or None when it can."""
    if not isinstance(usage, dict):
        return f"usage is {usage!r:.40}, not an object"
    for name in COUNTS:
        if (problem := _count_problem(name, usage.get(name))) is not None:
            return problem
    for parent, names in DETAILS.items():
        details = usage.get(parent)
        if details is None:
            continue
        if not isinstance(details, dict):
            return f"{parent} is {details!r:.40}, not an object"
        for name in names:
            if details.get(name) is not None and (problem := _count_problem(f"{parent}.{name}", details[name])) is not None:
                return problem
    return None
