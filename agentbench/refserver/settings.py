"""How the reference server is configured, whether standalone (`agentbench serve`) or embedded."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from agentbench.refserver.faults import Faults
from agentbench.tokenizers import DEFAULT_TOKENIZER


class Settings(BaseModel):
    """Reference server settings; the embedded server ignores `host` and `port` (it takes a free local port)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    host: str = Field(default="127.0.0.1", description="Interface `agentbench serve` listens on.")
    port: int = Field(default=8000, ge=0, le=65535, description="Port `agentbench serve` listens on (0: any free port).")
    api_key: str | None = Field(default=None, description="Bearer key clients must send; None accepts every request.")
    tokenizer: str = Field(default=DEFAULT_TOKENIZER, description="Tokenizer that counts usage and context length.")
    context_window: int | None = Field(default=None, gt=0, description="Context window of ref/oracle and ref/null (None: the default).")
    tasks_dirs: tuple[Path, ...] = Field(default=(), description="Task folders ref/oracle knows besides the built-in ones.")
    faults: Faults = Field(default_factory=Faults, description="Misbehaviour to inject (none by default).")
    model_cards: tuple[Path, ...] = Field(default=(), description="Model cards served besides the shipped ones (a card of the same name replaces it).")
    time_scale: float = Field(default=1.0, gt=0, le=1, description="Real sleep per second of a simulated model's planted latency (recorded times stay planted).")
