"""Where agentbench finds what it ships (tasks/, sandboxes/) and where it caches what it builds."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def shipped_dir(folder: str, override_env: str) -> Path:
    """A top-level folder of the repo, or its copy `_builtin_<folder>` in an installed wheel.

    The environment variable `override_env` points elsewhere when set.
    """
    override = os.environ.get(override_env)
    if override:
        return Path(override)
    packaged = _PACKAGE / f"_builtin_{folder}"
    return packaged if packaged.is_dir() else _PACKAGE.parent / folder


def cache_dir() -> Path:
    """$AGENTBENCH_CACHE, else $XDG_CACHE_HOME/agentbench, else ~/.cache/agentbench."""
    root = os.environ.get("AGENTBENCH_CACHE")
    if root:
        return Path(root)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "agentbench"
