"""What each sample cost: a documented price file (prices.yaml) and the arithmetic on it.

Hosted models are priced per million tokens; self-hosted endpoints per GPU-hour, shared among
the requests served at once (BFCL's method). The shipped file holds list prices of a few MoE
models, each with its source and the date it was read; a user file overrides it entry by entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from agentbench import yaml_text
from agentbench.text_files import TextFileError
from agentbench.validation_text import first_problem

if TYPE_CHECKING:
    import pandas as pd

SHIPPED_PRICES = Path(__file__).with_name("prices.yaml")
REFERENCE_PREFIX = "ref/"
_PER_TOKEN = 1e-6


class PriceFileError(ValueError):
    """A price file that cannot be used; `str()` is one line naming the file and the problem."""


class PriceEntry(BaseModel):
    """One model's price: per token (input/output/cached_input[/reasoning]) or per GPU-hour."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    match: tuple[str, ...] = Field(min_length=1)
    input: float | None = Field(None, ge=0, description="$ per million input tokens not served from cache.")
    output: float | None = Field(None, ge=0, description="$ per million output tokens.")
    cached_input: float | None = Field(None, ge=0, description="$ per million cache-read tokens (default: input).")
    reasoning: float | None = Field(None, ge=0, description="$ per million reasoning tokens (default: output).")
    gpu_hour: float | None = Field(None, ge=0, description="$ per GPU per hour.")
    gpus: int | None = Field(None, gt=0)
    concurrency: int | None = Field(None, gt=0, description="Requests served at once.")
    source: str = Field(min_length=1)
    read_on: dt.date
    note: str | None = None
    card: bool = Field(False, description="Planted by a simulated reference model's card (the only priced reference models).")

    @model_validator(mode="after")
    def _one_kind(self) -> PriceEntry:
        tokens = self.input is not None and self.output is not None
        gpu = self.gpu_hour is not None and self.gpus is not None and self.concurrency is not None
        if tokens == gpu:
            raise ValueError("give either input and output ($/M tokens) or gpu_hour, gpus and concurrency")
        return self

    @property
    def per_gpu_hour(self) -> bool:
        return self.gpu_hour is not None

    def cost(self, input_tokens: float, output_tokens: float, cached_tokens: float,
             reasoning_tokens: float, wall_s: float) -> float:
        """Dollars for one sample (see prices.yaml for the formulas); `input_tokens` include `cached_tokens`,
        `wall_s` is the time the GPUs are paid for (see `apply_prices`)."""
        if self.per_gpu_hour:
            return self.gpu_hour * self.gpus * (wall_s / 3600.0) / self.concurrency
        cached_price = self.input if self.cached_input is None else self.cached_input
        reasoning_price = self.output if self.reasoning is None else self.reasoning
        reasoning = min(reasoning_tokens, output_tokens)
        cached = min(cached_tokens, input_tokens)
        return _PER_TOKEN * (
            (input_tokens - cached) * self.input
            + cached * cached_price
            + (output_tokens - reasoning) * self.output
            + reasoning * reasoning_price
        )


@dataclass(frozen=True)
class PriceTable:
    """Price entries in priority order; the first whose `match` fits a model name prices it."""

    entries: tuple[PriceEntry, ...]

    def lookup(self, model: str) -> PriceEntry | None:
        """The entry pricing `model`, or None (reference models have none unless a model card prices them)."""
        names = _candidate_names(model)
        for entry in self.entries:
            if any(fnmatchcase(name, pattern.lower()) for pattern in entry.match for name in names):
                return entry
        return None

    def has_price(self, model: str) -> bool:
        """Whether a cost for `model` means something: reference models and matched models."""
        return is_reference(model) or self.lookup(model) is not None

    def cost(self, model: str, input_tokens: float = 0, output_tokens: float = 0, cached_tokens: float = 0,
             reasoning_tokens: float = 0, wall_s: float = 0.0) -> float:
        """Dollars for one sample; 0 for reference models and for models without a price (see has_price).

        Counts as in samples.parquet: `input_tokens` include `cached_tokens`, `output_tokens` include
        `reasoning_tokens`; `wall_s` prices self-hosted (GPU-hour) entries.
        """
        entry = self.lookup(model)
        if entry is None or (is_reference(model) and not entry.card):
            return 0.0
        return entry.cost(input_tokens, output_tokens, cached_tokens, reasoning_tokens, wall_s)


def is_reference(model: str) -> bool:
    """Reference models (`ref/...`, possibly behind a provider prefix) are the harness's own and free."""
    return any(name.startswith(REFERENCE_PREFIX) for name in _candidate_names(model))


def _candidate_names(model: str) -> list[str]:
    parts = model.lower().split("/")
    return ["/".join(parts[i:]) for i in range(len(parts))]


def load_prices(path: Path | None = None, card_dirs: Sequence[Path] = ()) -> PriceTable:
    """The shipped prices, with the entries of the user file at `path` (if given) tried first.

    Simulated reference models are priced by their cards: the shipped ones and any `*.yaml`
    in `card_dirs` (a run folder's `model_cards/`, where a run keeps the user's cards).
    """
    shipped = _read_entries(SHIPPED_PRICES)
    user = _read_entries(path) if path is not None else ()
    return PriceTable(user + card_prices(card_dirs) + shipped)


def card_prices(card_dirs: Sequence[Path] = ()) -> tuple[PriceEntry, ...]:
    """One entry per model card (shipped, then those in `card_dirs`; a later card of a name wins)."""
    from agentbench.refserver.sim.card import CardError, load_cards

    paths = [path for folder in card_dirs for path in sorted(folder.glob("*.yaml"))]
    try:
        cards = load_cards(paths)
    except CardError as exc:
        raise PriceFileError(str(exc)) from None
    return tuple(
        PriceEntry(name=card.name, match=(card.name,), **card.price.model_dump(),
                   source=f"planted by the model card of {card.name}", read_on=dt.date.today(), card=True)
        for card in cards
    )


def _read_entries(path: Path) -> tuple[PriceEntry, ...]:
    try:
        raw = yaml_text.read_yaml(path)
    except TextFileError as exc:
        raise PriceFileError(f"{path}: price file: {exc}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("models"), dict):
        raise PriceFileError(f"{path}: expected a mapping with a 'models:' mapping of entries")
    entries = []
    for name, body in raw["models"].items():
        if not isinstance(body, dict):
            raise PriceFileError(f"{path}: models.{name}: expected a mapping of price fields")
        try:
            entries.append(PriceEntry(name=str(name), **body))
        except ValidationError as exc:
            problem = first_problem(exc)
            where = ".".join(("models", str(name), *(str(part) for part in problem.loc)))
            raise PriceFileError(f"{path}: {where}: {problem.message}") from None
        except TypeError as exc:
            raise PriceFileError(f"{path}: models.{name}: {exc}") from None
    return tuple(entries)


def apply_prices(samples: pd.DataFrame, table: PriceTable) -> pd.DataFrame:
    """A copy of `samples` with `cost_usd` computed from its tokens and time; NaN where no price.

    The time a GPU-hour price pays for is the sample's wall time, except for a sample whose latency
    a simulated model planted: its wall time is shrunk by `--time-scale`, so it pays for its planted
    model time (`model_s`, the sum of its calls' planted end-to-end times), which makes its cost exact.
    """
    import pandas as pd  # here, not at the top: a run reads its price file before its first sample, without pandas

    def number(value: object) -> float:
        return 0.0 if value is None or pd.isna(value) else float(value)

    def flag(value: object) -> bool:
        return value is not None and not pd.isna(value) and bool(value)

    priced = samples.copy()
    costs = []
    for row in priced.itertuples(index=False):
        model = str(row.model)
        if not table.has_price(model):
            costs.append(float("nan"))
            continue
        costs.append(table.cost(
            model,
            input_tokens=number(row.input_tokens),
            output_tokens=number(row.output_tokens),
            cached_tokens=number(row.cached_tokens),
            reasoning_tokens=number(row.reasoning_tokens),
            wall_s=number(row.model_s if flag(row.simulated_timing) else row.wall_s),
        ))
    priced["cost_usd"] = pd.Series(costs, index=priced.index, dtype="float64")
    return priced

