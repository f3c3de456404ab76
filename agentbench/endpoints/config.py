"""Named endpoints in a small YAML file, so several can be kept and run side by side.

    endpoints:
      qwen3-vllm:
        base_url: http://gpu-box:8000/v1
        model: Qwen/Qwen3-30B-A3B
        api_key_env: VLLM_API_KEY
        context_window: 131072
        concurrency: 16
        price: {input_per_mtok: 0.10, output_per_mtok: 0.40, cached_input_per_mtok: 0.05}
        send_reasoning: false
        repair_tool_calls: false
        extra_body: {chat_template_kwargs: {enable_thinking: true}}

`agentbench run --endpoint qwen3-vllm` evaluates it; results name it `qwen3-vllm`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

DEFAULT_ENDPOINTS_FILE = Path("endpoints.yaml")


class EndpointsFileError(ValueError):
    """The endpoints file is missing, unreadable or invalid; `str()` is one line."""


class Price(BaseModel):
    """USD per million tokens; cached input defaults to the input price."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    input_per_mtok: float = Field(ge=0)
    output_per_mtok: float = Field(ge=0)
    cached_input_per_mtok: float | None = Field(None, ge=0)

    def cost_usd(self, input_tokens: int, cached_tokens: int, output_tokens: int) -> float:
        """Cost of a sample's tokens (`input_tokens` includes the cached ones)."""
        cached_price = self.input_per_mtok if self.cached_input_per_mtok is None else self.cached_input_per_mtok
        fresh = max(0, input_tokens - cached_tokens)
        return (fresh * self.input_per_mtok + cached_tokens * cached_price + output_tokens * self.output_per_mtok) / 1e6


class EndpointConfig(BaseModel):
    """One named endpoint: where it is, what it serves and how to talk to it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    base_url: str = Field(min_length=1)
    model: str = Field(min_length=1)
    api_key_env: str | None = None
    context_window: int | None = Field(None, gt=0)
    concurrency: int = Field(32, ge=1)
    price: Price | None = None
    stream: bool = True
    send_reasoning: bool = False
    repair_tool_calls: bool = False
    timeout_s: float = Field(600.0, gt=0)
    extra_body: dict[str, Any] = Field(default_factory=dict)

    def model_args(self) -> dict[str, Any]:
        """Arguments for our Inspect model API (`agentbench/...`), the API key by variable name only."""
        args: dict[str, Any] = {
            "max_connections": self.concurrency,
            "stream": self.stream,
            "send_reasoning": self.send_reasoning,
            "repair_tool_calls": self.repair_tool_calls,
            "timeout_s": self.timeout_s,
            **self.extra_body,
        }
        if self.context_window is not None:
            args["context_window"] = self.context_window
        return args


class EndpointsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    endpoints: dict[str, EndpointConfig]


def load_endpoints(path: Path) -> dict[str, EndpointConfig]:
    """The named endpoints of a YAML file."""
    if not path.is_file():
        raise EndpointsFileError(f"endpoints file {path} not found (see README: Endpoints file)")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise EndpointsFileError(f"cannot read endpoints file {path}: {str(exc).splitlines()[0]}") from None
    try:
        return EndpointsFile.model_validate(raw).endpoints
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise EndpointsFileError(f"{path}: {where}: {first['msg']}") from None


def pick_endpoints(path: Path, names: tuple[str, ...]) -> dict[str, EndpointConfig]:
    """The endpoints named, in the order given."""
    known = load_endpoints(path)
    missing = [name for name in names if name not in known]
    if missing:
        raise EndpointsFileError(f"no endpoint {missing[0]!r} in {path}; it defines: {', '.join(known) or 'none'}")
    return {name: known[name] for name in names}


def priced_cost(endpoints: Mapping[str, EndpointConfig]) -> Callable[[str, dict[str, Any]], float] | None:
    """A samples-table cost function pricing each named endpoint's rows (None if none has a price)."""
    prices = {name: config.price for name, config in endpoints.items() if config.price is not None}
    if not prices:
        return None

    def cost(model: str, row: dict[str, Any]) -> float:
        price = prices.get(model)
        if price is None:
            return 0.0
        return price.cost_usd(int(row["input_tokens"]), int(row["cached_tokens"]), int(row["output_tokens"]))

    return cost
