"""The first problem pydantic found, for errors of ours that are one line: `field.path: message`.

Pydantic's own text runs to several lines per error, with links. Whoever wrote the task folder,
model card, price file, endpoints file, fault spec or request needs the first field that is
wrong and why; each caller words the line around it (the file, how many more problems).
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError


@dataclass(frozen=True)
class Problem:
    """Where the first error is, what it says, the value found there, and how many errors follow it."""

    loc: tuple[int | str, ...]
    message: str
    """Pydantic's message, without the `Value error, ` it puts before what a validator raised."""
    input: object
    others: int
    raised: Exception | None
    """What a validator raised, if one did (its own fields can say more than `loc`)."""

    def where(self, empty: str = "") -> str:
        """The dotted field path (`limits.max_turns`), or `empty` for the top level."""
        return ".".join(str(part) for part in self.loc) or empty

    @property
    def more(self) -> str:
        """` (+N more)` when other errors follow, else nothing."""
        return f" (+{self.others} more)" if self.others else ""


def first_problem(exc: ValidationError) -> Problem:
    """The first of `exc`'s errors (pydantic lists them in the order of the model's fields)."""
    first = exc.errors(include_url=False)[0]
    raised = first.get("ctx", {}).get("error")
    return Problem(tuple(first["loc"]), first["msg"].removeprefix("Value error, "), first.get("input"),
                   exc.error_count() - 1, raised if isinstance(raised, Exception) else None)
