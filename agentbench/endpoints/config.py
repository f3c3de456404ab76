"""Named endpoints in a small YAML file, so several can be kept and run side by side.

    endpoints:
      qwen3-vllm:
        base_url: http://gpu-box:8000/v1
        model: Qwen/Qwen3-30B-A3B
        api_key_env: VLLM_API_KEY
        context_window: 131072
        concurrency: 16
        timeout_s: 600            # silence before a call is retried; max_attempts: 10 and retry_budget_s: 900 bound retries
        send_reasoning: false
        repair_tool_calls: false
        temperature: 0.6          # optional, like top_p and seed: unset leaves the server's default
        max_tokens: 8192          # optional: unset sends the suite's or task's default
        extra_body: {chat_template_kwargs: {enable_thinking: true}}

`agentbench run --endpoint qwen3-vllm` evaluates it; results name it `qwen3-vllm` (so a price
file entry matching that name prices it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from agentbench import yaml_text
from agentbench.endpoints.generation import Generation
from agentbench.endpoints.urls import check_base_url
from agentbench.text_files import TextFileError
from agentbench.validation_text import first_problem

DEFAULT_ENDPOINTS_FILE = Path("endpoints.yaml")


class EndpointsFileError(ValueError):
    """The endpoints file is missing, unreadable or invalid; `str()` is one line."""


class EndpointConfig(BaseModel):
    """One named endpoint: where it is, what it serves and how to talk to it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    base_url: str = Field(min_length=1)
    model: str = Field(min_length=1)
    api_key_env: str | None = None
    context_window: int | None = Field(None, gt=0)
    concurrency: int = Field(32, ge=1)
    stream: bool = True
    send_reasoning: bool = False
    repair_tool_calls: bool = False
    timeout_s: float = Field(600.0, gt=0)
    max_attempts: int = Field(10, ge=1)
    retry_budget_s: float = Field(900.0, gt=0)
    extra_body: dict[str, Any] = Field(default_factory=dict)
    temperature: float | None = Field(None, ge=0)
    top_p: float | None = Field(None, gt=0, le=1)
    max_tokens: int | None = Field(None, gt=0)
    seed: int | None = None

    @field_validator("base_url")
    @classmethod
    def _url(cls, value: str) -> str:
        check_base_url(value)
        return value

    @property
    def generation(self) -> Generation:
        return Generation(temperature=self.temperature, top_p=self.top_p, max_tokens=self.max_tokens, seed=self.seed)

    def model_args(self) -> dict[str, Any]:
        """Arguments for our Inspect model API (`agentbench/...`), the API key by variable name only."""
        args: dict[str, Any] = {
            "max_connections": self.concurrency,
            "stream": self.stream,
            "send_reasoning": self.send_reasoning,
            "repair_tool_calls": self.repair_tool_calls,
            "timeout_s": self.timeout_s,
            "max_attempts": self.max_attempts,
            "retry_budget_s": self.retry_budget_s,
            **self.extra_body,
            **self.generation.model_args(),
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
        raw = yaml_text.read_yaml(path)
    except TextFileError as exc:
        raise EndpointsFileError(f"{path}: endpoints file: {exc}") from None
    try:
        return EndpointsFile.model_validate(raw).endpoints
    except ValidationError as exc:
        problem = first_problem(exc)
        raise EndpointsFileError(f"{path}: {problem.where()}: {problem.message}") from None


def pick_endpoints(path: Path, names: tuple[str, ...]) -> dict[str, EndpointConfig]:
    """The endpoints named, in the order given."""
    known = load_endpoints(path)
    missing = [name for name in names if name not in known]
    if missing:
        raise EndpointsFileError(f"no endpoint {missing[0]!r} in {path}; it defines: {', '.join(known) or 'none'}")
    return {name: known[name] for name in names}

