"""A command's options as run.json keeps them, so `run --resume` can rebuild the same run.

Paths become absolute (the resume may start elsewhere), repeated options lists, and a base URL
loses any credentials it carried (they never reach a run folder; pass them again by variable).
"""

from __future__ import annotations

import json
from pathlib import Path

import click


def _plain(value: object) -> object:
    if isinstance(value, Path):
        return str(value.resolve())
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if hasattr(value, "label"):  # a parsed option such as --shard keeps its command-line form
        return value.label
    return value


def record(command: click.Command, params: dict[str, object]) -> dict[str, object]:
    """JSON-safe options of one invocation of `command` (secrets excluded)."""
    from agentbench.endpoints.urls import public_url

    kept = {name: _plain(value) for name, value in params.items()}
    if kept.get("base_url"):
        kept["base_url"] = public_url(str(kept["base_url"]))
    return kept


def load(command: click.Command, run_dir: Path) -> dict[str, object]:
    """The options `run_dir` was started with, typed again as `command` parses them; a one-line
    ValueError when the folder has none."""
    path = run_dir / "run.json"
    if not path.is_file():
        raise ValueError(f"{run_dir} is not a run folder (no run.json): nothing to resume")
    stored = json.loads(path.read_text(encoding="utf-8")).get("invocation")
    if not isinstance(stored, dict):
        raise ValueError(f"{run_dir} keeps no options in run.json (started by an older agentbench or not by `run`): "
                         "it cannot be resumed")
    typed: dict[str, object] = {}
    with click.Context(command) as context:
        for param in command.params:
            if param.name is None or param.name not in stored:
                continue
            value = stored[param.name]
            typed[param.name] = param.type_cast_value(context, value) if value is not None else (
                () if param.multiple or param.nargs == -1 else None)
    return typed
