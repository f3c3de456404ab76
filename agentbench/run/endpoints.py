"""Which models a run evaluates and where they are served; turned into Inspect `Model`s."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from inspect_ai.model import Model, get_model

REFERENCE_PREFIX = "ref/"
DEFAULT_MODELS = ("ref/oracle", "ref/null")


@dataclass(frozen=True)
class Endpoint:
    """One model at one OpenAI-compatible base URL (None: the embedded reference server)."""

    model: str
    base_url: str | None = None
    api_key_env: str | None = None

    @property
    def embedded(self) -> bool:
        return self.base_url is None

    def public_url(self) -> str | None:
        """The base URL with any credentials or query string removed, safe to log."""
        if self.base_url is None:
            return None
        parts = urlsplit(self.base_url)
        host = parts.hostname or ""
        netloc = f"{host}:{parts.port}" if parts.port else host
        return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def inspect_model(endpoint: Endpoint, embedded_url: str | None, tokenizer: str) -> Model:
    """An Inspect model on our model API; keys are passed by variable name, never by value."""
    base_url = endpoint.base_url or embedded_url
    args: dict[str, object] = {"tokenizer": tokenizer}
    if endpoint.api_key_env:
        args["api_key_env"] = endpoint.api_key_env
    return get_model(f"agentbench/{endpoint.model}", base_url=base_url, memoize=False, **args)
