"""YAML text read as `yaml.safe_load` reads it, through libyaml's parser when PyYAML has it (its wheels
do): about 8x faster, and every discovery reads each task folder's task.yaml (a run discovers several times)."""

from __future__ import annotations

from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """The document in `text`, plain data only; errors are `yaml.YAMLError`s as `yaml.safe_load` raises."""
    return yaml.load(text, Loader=_LOADER)
