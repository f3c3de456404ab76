"""The length x depth grid: parse `--lengths`/`--depths`/`--max-length` into exact numbers.

Lengths are token counts with binary suffixes (k = 1024, m = 1048576), so "128k" is the
131072-token context that vendors advertise; depths are percentages or fractions.
"""

from __future__ import annotations

import re

KIB = 1024
MIB = 1024 * 1024
LENGTH_LADDER: tuple[int, ...] = (KIB, 4 * KIB, 16 * KIB, 64 * KIB, 128 * KIB, 256 * KIB, 512 * KIB, MIB)
DEFAULT_LENGTHS = "1k,4k,16k,64k,128k"
DEFAULT_DEPTHS = "0,25,50,75,100"

_LENGTH = re.compile(r"(\d+(?:\.\d+)?)([km]?)")
_DEPTH = re.compile(r"(\d+(?:\.\d+)?)(%?)")


def parse_length(text: str) -> int:
    """One length: "4096", "4k" (4096) or "1m" (1048576)."""
    match = _LENGTH.fullmatch(text.strip().lower())
    if not match:
        raise ValueError(f"bad length {text.strip()!r}: use a token count such as 4096, 4k or 1m")
    tokens = float(match.group(1)) * {"": 1, "k": KIB, "m": MIB}[match.group(2)]
    if tokens < 1 or tokens != int(tokens):
        raise ValueError(f"bad length {text.strip()!r}: must be a whole number of tokens, at least 1")
    return int(tokens)


def parse_lengths(text: str) -> list[int]:
    """A comma-separated list of lengths, duplicates dropped, order kept: "1k,4k,1m"."""
    items = [item for item in text.split(",") if item.strip()]
    if not items:
        raise ValueError("no lengths given: use e.g. 1k,4k,16k")
    return list(dict.fromkeys(parse_length(item) for item in items))


def parse_depths(text: str) -> list[float]:
    """Comma-separated depths as fractions 0..1: "0,25,50" and "0,50%" are percentages;
    a list whose plain values are all at most 1 ("0,0.5,1") is read as fractions."""
    items = [item.strip() for item in text.split(",") if item.strip()]
    if not items:
        raise ValueError("no depths given: use e.g. 0,25,50,75,100")
    parsed: list[tuple[float, bool]] = []
    for item in items:
        match = _DEPTH.fullmatch(item)
        if not match:
            raise ValueError(f"bad depth {item!r}: use a percentage 0..100 (e.g. 25 or 25%) or a fraction 0..1")
        parsed.append((float(match.group(1)), bool(match.group(2))))
    fractions = all(value <= 1 for value, percent in parsed if not percent) and not any(percent for _, percent in parsed)
    depths = [value if fractions else value / 100 for value, _ in parsed]
    for item, depth in zip(items, depths):
        if depth > 1:
            raise ValueError(f"bad depth {item!r}: depths run from 0 to 100%")
    return list(dict.fromkeys(depths))


def grid_lengths(lengths: str = DEFAULT_LENGTHS, max_length: str | None = None) -> list[int]:
    """The lengths to run: `max_length` extends the default ladder up to it (e.g. "1m" adds
    256k, 512k and 1M) and caps an explicit `lengths` list."""
    chosen = parse_lengths(lengths)
    if max_length is None:
        return chosen
    cap = parse_length(max_length)
    if lengths.replace(" ", "") == DEFAULT_LENGTHS:
        chosen = [n for n in LENGTH_LADDER if n <= cap] or [cap]
    kept = [n for n in chosen if n <= cap]
    if not kept:
        raise ValueError(f"max length {max_length} is below every requested length")
    return kept


def length_label(tokens: int) -> str:
    """The shortest exact spelling of a length: 4096 -> "4k", 1048576 -> "1m", 1000 -> "1000"."""
    if tokens % MIB == 0:
        return f"{tokens // MIB}m"
    if tokens % KIB == 0:
        return f"{tokens // KIB}k"
    return str(tokens)
