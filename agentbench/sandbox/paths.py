"""Where sandbox image definitions and the local build cache live."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGED = Path(__file__).resolve().parents[1] / "_builtin_sandboxes"
_REPO = Path(__file__).resolve().parents[2] / "sandboxes"


def sandboxes_dir() -> Path:
    """The folder with one sub-folder per image (repo checkout, installed wheel, or the override)."""
    override = os.environ.get("AGENTBENCH_SANDBOXES_DIR")
    if override:
        return Path(override)
    return _PACKAGED if _PACKAGED.is_dir() else _REPO


def cache_dir() -> Path:
    """~/.cache/agentbench (XDG_CACHE_HOME honoured)."""
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "agentbench"
