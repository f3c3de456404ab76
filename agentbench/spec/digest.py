"""Content hashes of task folders: two runs compare only if their tasks hash the same."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

_SKIPPED_DIRS = {"__pycache__", ".pytest_cache", ".git"}


def folder_digest(folder: Path) -> str:
    """sha256 over every file's relative path and bytes, in a fixed order (caches skipped)."""
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED_DIRS)
        for name in sorted(files):
            path = Path(root) / name
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
