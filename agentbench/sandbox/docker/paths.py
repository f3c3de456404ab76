"""Where sandbox image definitions and the local build cache live."""

from __future__ import annotations

from pathlib import Path

from agentbench.paths import cache_dir, shipped_dir

__all__ = ["cache_dir", "sandboxes_dir"]


def sandboxes_dir() -> Path:
    """The folder with one sub-folder per image (repo checkout, installed wheel, or $AGENTBENCH_SANDBOXES_DIR)."""
    return shipped_dir("sandboxes", "AGENTBENCH_SANDBOXES_DIR")
