"""Which models a run evaluates and where they are served; turned into Inspect `Model`s."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from inspect_ai.model import Model, get_model

from agentbench.endpoints.urls import check_base_url, public_url
from agentbench.endpoints.window import Window

REFERENCE_PREFIX = "ref/"
DEFAULT_MODELS = ("ref/oracle", "ref/sim-a37b", "ref/sim-a3b", "ref/null")
"""The oracle and null bound the scale; the two simulated models (planted by shipped cards) show what lies between."""


@dataclass(frozen=True)
class Endpoint:
    """One model at one OpenAI-compatible base URL (None: the embedded reference server).

    A named endpoint (from the endpoints file) is evaluated under its `name`, with its settings
    passed to our model API as `model_args`.
    """

    model: str
    base_url: str | None = None
    api_key_env: str | None = None
    name: str | None = None
    model_args: dict[str, Any] = field(default_factory=dict)
    window_source: str | None = None
    """Where `model_args["context_window"]` came from (set by `with_window`)."""

    def __post_init__(self) -> None:
        if self.base_url is not None:
            check_base_url(self.base_url)

    @property
    def embedded(self) -> bool:
        return self.base_url is None

    def with_window(self, window: Window | None) -> Endpoint:
        """This endpoint knowing its context window (so overflows are judged from usage too)."""
        if window is None:
            return self
        return replace(self, model_args={**self.model_args, "context_window": window.tokens}, window_source=window.source)

    def public_url(self) -> str | None:
        """The base URL with any credentials or query string removed, safe to log."""
        return None if self.base_url is None else public_url(self.base_url)


def inspect_model(endpoint: Endpoint, embedded_url: str | None, tokenizer: str) -> Model:
    """An Inspect model on our model API; keys are passed by variable name, never by value."""
    base_url = endpoint.base_url or embedded_url
    args: dict[str, object] = {"tokenizer": tokenizer, **endpoint.model_args}
    if endpoint.api_key_env:
        args["api_key_env"] = endpoint.api_key_env
    if endpoint.name:
        args["served_model"] = endpoint.model
    return get_model(f"agentbench/{endpoint.name or endpoint.model}", base_url=base_url, memoize=False, **args)
