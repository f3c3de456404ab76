"""The on-disk sample cache: one JSON file per sample, keyed by everything that shapes it."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path

from agentbench.paths import cache_dir as agentbench_cache_dir
from agentbench.suites.long_context.spec import (
    LongContextSample,
    LongContextSpec,
    Needle,
)


def cache_dir() -> Path:
    """The long-context sample cache: `long_context/` under agentbench's cache dir."""
    return agentbench_cache_dir() / "long_context"


def load(key: str) -> LongContextSample | None:
    path = cache_dir() / f"{key}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return _sample(data)
    except (OSError, ValueError, KeyError, TypeError):  # missing or unreadable: generate afresh
        return None


def _sample(data: dict) -> LongContextSample:
    tuples = {name: tuple(data[name]) for name in ("answers", "distractors", "answer_needles")}
    needles = tuple(Needle(**n) for n in data["needles"])
    return LongContextSample(**(data | tuples | {"spec": LongContextSpec(**data["spec"]), "needles": needles}))


def store(key: str, sample: LongContextSample) -> None:
    """Write atomically, so a crash or a parallel run never leaves a half-written sample."""
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, suffix=".tmp", delete=False) as handle:
        json.dump(asdict(sample), handle, ensure_ascii=False)
    os.replace(handle.name, folder / f"{key}.json")
