"""Model cards: the planted truth of a simulated reference model, read from YAML and validated.

A card says how often the model succeeds (per tool-use category and difficulty; for long
context as a function of length, depth and question family), how it fails when it does,
how many tokens it spends, how fast it is served and what it costs. The harness must
recover these numbers from the outside; `tests/test_sim_calibration.py` checks that it does.
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from agentbench import yaml_text
from agentbench.text_files import TextFileError
from agentbench.validation_text import first_problem

SHIPPED_CARDS = Path(__file__).parent.parent / "cards"
RUN_CARDS_DIR = "model_cards"
"""The folder of a run where it keeps copies of the user's cards (they price its simulated models)."""
Difficulty = Literal["easy", "medium", "hard"]
ToolUseFailure = Literal["stop_early", "skip_step", "corrupt_step", "wrong_answer", "loop"]
LongContextFailure = Literal["distractor", "not_found"]
QuestionFamily = Literal["single", "multi_value", "multi_query", "variable_tracking", "common_words", "mrcr"]
NONLITERAL = "nonliteral"
"""The question family of non-literal needles: planted by `nonliteral_penalty`, not by a family offset."""


class CardError(ValueError):
    """A card that cannot be used; `str()` is one line naming the file and the field."""


class FieldProblem(ValueError):
    """Raised by a card check about one field of the model it checks, so the error names that field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


Probability = Annotated[float, Field(ge=0, le=1)]
Weight = Annotated[float, Field(ge=0)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)



class ToolUseCapability(_Strict):
    """P(the model carries out the oracle's plan faithfully) for one tool-use task."""

    success: dict[Difficulty, Probability] = Field(description="Success probability by difficulty (all three).")
    by_category: dict[str, dict[Difficulty, Probability]] = Field(default_factory=dict, description="Overrides per task category.")
    failure_modes: dict[ToolUseFailure, Weight] = Field(
        default_factory=lambda: {"stop_early": 1.0, "skip_step": 1.0, "corrupt_step": 1.0, "wrong_answer": 1.0, "loop": 1.0},
        description="Relative weights of the ways a failing attempt fails.",
    )
    malformed_arguments: float = Field(0.0, ge=0, le=0.5, description="Per call: arguments that are not JSON (the call is retried next turn).")
    tool_call_in_content: float = Field(0.0, ge=0, le=0.5, description="Per call: the call written as <tool_call> text in content (retried next turn).")

    @model_validator(mode="after")
    def _check(self) -> ToolUseCapability:
        missing = [level for level in ("easy", "medium", "hard") if level not in self.success]
        if missing:
            raise ValueError(f"success needs a probability for every difficulty; missing {', '.join(missing)}")
        _weights("failure_modes", self.failure_modes)
        return self

    def probability(self, category: str, difficulty: Difficulty) -> float:
        """The planted success probability of a task of this category and difficulty."""
        return self.by_category.get(category, {}).get(difficulty, self.success[difficulty])


class LongContextCapability(_Strict):
    """Success vs length (a cliff past `effective_length`), depth (a dip in the middle) and question family."""

    plateau: float = Field(ge=0, le=1, description="Success up to the effective length, at the edges of the context.")
    effective_length: int = Field(gt=0, description="Longest prompt (tokens) at which success stays at the plateau.")
    beyond_cliff: float = Field(ge=0, le=1, description="Success just past the effective length.")
    decay_per_doubling: float = Field(0.5, ge=0, le=1, description="Further factor on (success - floor) per doubling of length past the cliff.")
    floor: float = Field(0.0, ge=0, le=1, description="Success far past the cliff.")
    middle_dip: float = Field(0.0, ge=0, le=1, description="Success lost at depth 50% (lost in the middle), as a fraction.")
    dip_width: float = Field(0.2, gt=0, le=1, description="Standard deviation (in depth) of the dip.")
    family_offsets: dict[QuestionFamily, Annotated[float, Field(ge=-1, le=1)]] = Field(default_factory=dict, description="Added to success per question family.")
    nonliteral_penalty: float = Field(0.0, ge=0, le=1, description=(
        "Success lost on a non-literal needle (one associative hop, NoLiMa's idea) against a literal single "
        "needle at the same length and depth: max(0, single - penalty)."))
    failure_modes: dict[LongContextFailure, Weight] = Field(default_factory=lambda: {"distractor": 1.0, "not_found": 1.0})

    @model_validator(mode="after")
    def _check(self) -> LongContextCapability:
        if self.beyond_cliff > self.plateau or self.floor > self.beyond_cliff:
            raise ValueError("need floor <= beyond_cliff <= plateau")
        _weights("failure_modes", self.failure_modes)
        return self

    def probability(self, prompt_tokens: int, depth: float, family: str | None) -> float:
        """The planted success probability of one long-context question (family `nonliteral`: the
        single-needle success at this length and depth, less `nonliteral_penalty`)."""
        if family == NONLITERAL:
            return max(0.0, self.probability(prompt_tokens, depth, "single") - self.nonliteral_penalty)
        if prompt_tokens <= self.effective_length:
            base = self.plateau
        else:
            doublings = math.log2(prompt_tokens / self.effective_length)
            base = self.floor + (self.beyond_cliff - self.floor) * self.decay_per_doubling ** max(0.0, doublings - 1.0)
        dip = self.middle_dip * math.exp(-0.5 * ((depth - 0.5) / self.dip_width) ** 2)
        offset = self.family_offsets.get(family, 0.0) if family else 0.0  # type: ignore[call-overload]
        return min(1.0, max(0.0, base * (1.0 - dip) + offset))


class Spread(_Strict):
    """A token count drawn from a normal distribution, rounded and floored at zero."""

    mean: float = Field(0.0, ge=0)
    sd: float = Field(0.0, ge=0)


class Tokens(_Strict):
    reasoning: Spread = Field(default_factory=Spread, description="Reasoning tokens per call (returned as reasoning_content).")
    verbosity: Spread = Field(default_factory=Spread, description="Words of text written beside each tool call.")


class Hardware(_Strict):
    """Derive a serving profile from the model's size and the accelerator (documented in the card README)."""

    total_params_b: float = Field(gt=0, description="All parameters, billions (must fit in memory: informational).")
    active_params_b: float = Field(gt=0, description="Parameters active per token (MoE: shared + routed experts), billions.")
    bytes_per_param: float = Field(1.0, gt=0, description="Weight precision: 2 for BF16, 1 for FP8, 0.5 for 4-bit.")
    bandwidth_gb_s: float = Field(gt=0, description="Accelerator memory bandwidth, GB/s.")
    tflops: float = Field(gt=0, description="Accelerator dense TFLOP/s at the weight precision.")
    bandwidth_utilization: float = Field(0.6, gt=0, le=1)
    mfu: float = Field(0.4, gt=0, le=1, description="Model FLOP utilisation during prefill.")

    @model_validator(mode="after")
    def _check(self) -> Hardware:
        if self.active_params_b > self.total_params_b:
            raise ValueError("active_params_b cannot exceed total_params_b")
        return self

    def decode_tokens_per_s(self) -> float:
        """Decode is memory-bound: each token reads the active weights once."""
        return self.bandwidth_gb_s * 1e9 * self.bandwidth_utilization / (self.active_params_b * 1e9 * self.bytes_per_param)

    def prefill_tokens_per_s(self) -> float:
        """Prefill is compute-bound: 2 FLOPs per active parameter per token."""
        return self.tflops * 1e12 * self.mfu / (2 * self.active_params_b * 1e9)


class Serving(_Strict):
    """TTFT = overhead_s + prompt_tokens / prefill; TPOT = (1 + slowdown * (in_flight - 1)) / decode."""

    prefill_tokens_per_s: float | None = Field(None, gt=0)
    decode_tokens_per_s: float | None = Field(None, gt=0)
    overhead_s: float = Field(0.0, ge=0, description="Fixed time before prefill starts (queueing, scheduling).")
    concurrency_slowdown: float = Field(0.0, ge=0, description="Extra TPOT per other request in flight, as a fraction.")
    hardware: Hardware | None = Field(None, description="Derive prefill/decode speeds when they are not given.")

    @model_validator(mode="after")
    def _check(self) -> Serving:
        if self.hardware is None and (self.prefill_tokens_per_s is None or self.decode_tokens_per_s is None):
            raise ValueError("give prefill_tokens_per_s and decode_tokens_per_s, or hardware to derive them")
        return self

    @property
    def prefill(self) -> float:
        return self.prefill_tokens_per_s or self.hardware.prefill_tokens_per_s()  # type: ignore[union-attr]

    @property
    def decode(self) -> float:
        return self.decode_tokens_per_s or self.hardware.decode_tokens_per_s()  # type: ignore[union-attr]

    def ttft_s(self, prompt_tokens: int) -> float:
        return self.overhead_s + prompt_tokens / self.prefill

    def tpot_s(self, in_flight: int) -> float:
        return (1.0 + self.concurrency_slowdown * max(0, in_flight - 1)) / self.decode


class Price(_Strict):
    """Either a list price in $ per million tokens (cached input defaults to input), or a self-hosted
    price in $ per GPU-hour: the GPUs, shared by `concurrency` requests at once, are paid for the
    sample's planted model time, which the serving profile (the card's throughput) sets. Both are
    priced by the one method of `agentbench.analysis.prices`."""

    input: float | None = Field(None, ge=0, description="$ per million input tokens not served from cache.")
    output: float | None = Field(None, ge=0, description="$ per million output tokens (reasoning included).")
    cached_input: float | None = Field(None, ge=0, description="$ per million cache-read tokens (default: input).")
    gpu_hour: float | None = Field(None, ge=0, description="$ per GPU per hour.")
    gpus: int | None = Field(None, gt=0, description="GPUs serving the model.")
    concurrency: int | None = Field(None, gt=0, description="Requests the GPUs serve at once.")

    @model_validator(mode="after")
    def _one_kind(self) -> Price:
        per_token = [name for name in ("input", "output", "cached_input") if getattr(self, name) is not None]
        per_gpu = [name for name in ("gpu_hour", "gpus", "concurrency") if getattr(self, name) is not None]
        if per_token and per_gpu:
            raise FieldProblem(per_gpu[0], "a $/GPU-hour price cannot be combined with $/M-token prices")
        if not per_token and not per_gpu:
            raise ValueError("give either input and output ($/M tokens) or gpu_hour, gpus and concurrency ($/GPU-hour)")
        kind, needed = ("$/GPU-hour", ("gpu_hour", "gpus", "concurrency")) if per_gpu else ("$/M-tokens", ("input", "output"))
        if missing := [name for name in needed if getattr(self, name) is None]:
            raise FieldProblem(missing[0], f"Field required for a {kind} price")
        return self


class ModelCard(_Strict):
    """One simulated reference model; `name` must start with `ref/` so it is never taken for a real endpoint."""

    name: str = Field(pattern=r"^ref/[a-z0-9][a-z0-9._-]*$")
    description: str = Field(min_length=1)
    seed: int = 0
    context_window: int = Field(131_072, gt=0)
    tool_use: ToolUseCapability
    long_context: LongContextCapability
    tokens: Tokens = Field(default_factory=Tokens)
    serving: Serving
    price: Price


def _weights(where: str, table: dict[str, float]) -> None:
    if sum(table.values()) <= 0:
        raise ValueError(f"{where} needs at least one positive weight")


def load_card(path: Path) -> ModelCard:
    """Read and validate one card; any problem is a `CardError` naming the file and the field."""
    try:
        raw = yaml_text.read_yaml(path)
    except TextFileError as exc:
        raise CardError(f"{path}: model card: {exc}") from None
    if not isinstance(raw, dict):
        raise CardError(f"{path}: a model card is a YAML mapping")
    try:
        return ModelCard.model_validate(raw)
    except ValidationError as exc:
        problem = first_problem(exc)
        if isinstance(problem.raised, FieldProblem):
            problem = replace(problem, loc=(*problem.loc, problem.raised.field))
        raise CardError(f"{path}: {problem.where('card')}: {problem.message}") from None


def shipped_cards() -> list[ModelCard]:
    """The cards shipped with agentbench, by file name."""
    return [load_card(path) for path in sorted(SHIPPED_CARDS.glob("*.yaml"))]


def load_cards(paths: list[Path] | tuple[Path, ...] = ()) -> list[ModelCard]:
    """The shipped cards plus the user's (a user card replaces a shipped one of the same name)."""
    cards = {card.name: card for card in shipped_cards()}
    for path in paths:
        card = load_card(path)
        cards[card.name] = card
    return list(cards.values())
