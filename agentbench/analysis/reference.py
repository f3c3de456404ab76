"""How results mark agentbench's own reference models, so none passes for a real endpoint."""

from __future__ import annotations

from agentbench.analysis.prices import is_reference

REFERENCE_MARK = "(ref)"
REFERENCE_NOTE = (
    "(ref) marks agentbench's reference models, not real endpoints: ref/oracle solves every task, ref/null never "
    "acts, and ref/sim-* (or your model card) are simulated: success, failures, tokens, TTFT/TPOT and price are "
    "planted by a model card, and reported TTFT/TPOT are the planted ones."
)


def model_label(model: str) -> str:
    """The model's name as tables show it: reference models carry the mark."""
    return f"{model} {REFERENCE_MARK}" if is_reference(model) else model


def any_reference(models: object) -> bool:
    return any(is_reference(str(model)) for model in models)  # type: ignore[attr-defined]
