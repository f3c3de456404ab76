"""What makes two runs comparable or not, for `run.json`: code, versions, task content, machine."""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import platform
import subprocess
from collections.abc import Sequence
from dataclasses import asdict
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from inspect_ai import Task

from agentbench import __version__
from agentbench.spec.digest import folder_digest

_PACKAGES = ("inspect-ai", "openai", "tiktoken", "tokenizers", "docker", "pandas", "pyarrow")
_PACKAGE_DIR = Path(__file__).resolve().parents[1]


def _package_version(name: str) -> str | None:
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(_PACKAGE_DIR), *args], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def code_identity() -> dict[str, object]:
    """agentbench's version, and its git commit (with a dirty flag) when run from a checkout."""
    commit = _git("rev-parse", "HEAD") if (_PACKAGE_DIR.parent / ".git").exists() else None
    dirty = bool(_git("status", "--porcelain", "--untracked-files=no")) if commit else None
    return {"version": __version__, "git_commit": commit, "git_dirty": dirty}


def docker_engine_version() -> str | None:
    """The engine's version, or None when no engine answers (sandbox-free runs need none)."""
    try:
        import docker

        return str(docker.from_env(timeout=10).version().get("Version"))
    except Exception:  # any failure to reach the engine means "unknown" here, never a failed run
        return None


def versions(with_engine: bool) -> dict[str, str | None]:
    found = {name: _package_version(name) for name in _PACKAGES}
    found["python"] = platform.python_version()
    found["docker_engine"] = docker_engine_version() if with_engine else None
    return found


def machine() -> dict[str, object]:
    pages, page_size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(pages * page_size / 2**30, 1),
        "platform": platform.platform(),
        "machine": platform.machine(),
    }


def _source_digest(package: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def task_content(tasks: Sequence[Task]) -> dict[str, object]:
    """Content hashes of what the tasks evaluate.

    Folder-based samples (metadata `task_dir`) hash their folder; generated suites (datasets with
    `specs`) hash their settings together with the generator's own source, so a changed generator
    never compares equal to an old one.
    """
    folders: dict[str, str] = {}
    generated: dict[str, object] = {}
    for task in tasks:
        specs = getattr(task.dataset, "specs", None)
        if specs is not None:
            package = Path(inspect.getfile(type(task.dataset))).parent
            settings = [asdict(spec) for spec in specs]
            payload = json.dumps({"version": task.version, "specs": settings}, sort_keys=True, default=str)
            generated[task.name.rsplit("/", 1)[-1]] = {
                "samples": len(settings),
                "settings": _grid_settings(settings),
                "generator_version": task.version,
                "hash": hashlib.sha256((payload + _source_digest(package)).encode()).hexdigest(),
            }
            continue
        for sample in task.dataset:
            meta = sample.metadata or {}
            if "task_dir" in meta:
                folders[f"{meta.get('suite', task.name)}/{meta.get('task_id', sample.id)}"] = folder_digest(Path(str(meta["task_dir"])))
    return {"tasks": dict(sorted(folders.items())), "generated": generated}


def _grid_settings(specs: list[dict[str, object]]) -> dict[str, list[object]]:
    """Each spec field's distinct values: the grid at a glance."""
    keys = sorted({key for spec in specs for key in spec})
    return {key: sorted({spec.get(key) for spec in specs}, key=str) for key in keys}
