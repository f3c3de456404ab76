"""Checksums of a task's protected files (the visible tests an agent must not touch), kept by tooling.

A task lists what is protected as globs relative to `files/` under `protected` in tests/meta.json;
`refresh_checksums` writes the SHA-256 of every matching file under `checksums`, so nobody
computes or pastes them by hand. `agentbench tasks validate` refreshes them before it runs a task,
and the verifier runtime (`abverify.protected_changes`) compares the working directory with them.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
from pathlib import Path

META = "meta.json"


def protected_checksums(files_dir: Path, patterns: list[str]) -> dict[str, str]:
    """rel path -> SHA-256 of each file under `files_dir` matching one of `patterns`."""
    found = {}
    for path in sorted(files_dir.rglob("*")) if files_dir.is_dir() else ():
        rel = path.relative_to(files_dir).as_posix()
        if path.is_file() and any(fnmatch.fnmatchcase(rel, pattern) for pattern in patterns):
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def refresh_checksums(tests_dir: Path, files_dir: Path) -> bool:
    """Rewrite tests/meta.json's `checksums` from its `protected` globs; True if the file changed."""
    meta_path = tests_dir / META
    if not meta_path.is_file():
        return False
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if "protected" not in meta:
        return False
    checksums = protected_checksums(files_dir, list(meta["protected"]))
    if meta.get("checksums") == checksums:
        return False
    meta["checksums"] = checksums
    meta_path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return True
