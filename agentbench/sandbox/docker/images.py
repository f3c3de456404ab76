"""Sandbox images: `sandboxes/<name>/Dockerfile`, tagged by a hash of their build context.

A Dockerfile names its base as `ARG BASE=<image>` + `FROM ${BASE}`. The base is used when
present, pulled when a registry answers, built first when it is another sandbox image
(`agentbench/<name>`), and otherwise replaced by a local debootstrap of the same Debian
release (see `debian_base`). A plain `FROM` works only when present or pullable.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from docker import APIClient
from docker.errors import APIError, DockerException, ImageNotFound
from requests.exceptions import RequestException

from agentbench.sandbox.docker.debian_base import debian_suite, ensure_debian_base
from agentbench.sandbox.docker.engine import Progress
from agentbench.sandbox.errors import ImageBuildError
from agentbench.sandbox.docker.paths import sandboxes_dir

REPOSITORY_PREFIX = "agentbench/"
_FROM = re.compile(r"^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)", re.IGNORECASE | re.MULTILINE)
_ARG_BASE = re.compile(r"^\s*ARG\s+BASE=(\S+)", re.IGNORECASE | re.MULTILINE)
_BUILDER_CHATTER = ("--->", "Removing intermediate container", "Successfully ")


def image_names() -> list[str]:
    """Every image defined under `sandboxes_dir()`."""
    return sorted(p.parent.name for p in sandboxes_dir().glob("*/Dockerfile"))


@dataclass(frozen=True)
class _Source:
    name: str
    path: Path
    base: str
    base_is_arg: bool

    @property
    def local_dependency(self) -> str | None:
        """The sandbox image this one is built on, if it is built on one."""
        if not self.base.startswith(REPOSITORY_PREFIX):
            return None
        return self.base.removeprefix(REPOSITORY_PREFIX).split(":")[0]


def _source(name: str) -> _Source:
    path = sandboxes_dir() / name
    dockerfile = path / "Dockerfile"
    if not dockerfile.is_file():
        known = ", ".join(image_names()) or "none"
        raise ImageBuildError(f"unknown sandbox image '{name}': no {dockerfile} (known: {known})")
    text = dockerfile.read_text()
    found = _FROM.search(text)
    if found is None:
        raise ImageBuildError(f"{dockerfile} has no FROM line")
    base = found.group(1)
    base_is_arg = base in ("${BASE}", "$BASE")
    if base_is_arg:
        default = _ARG_BASE.search(text, 0, found.start())
        if default is None:
            raise ImageBuildError(f"{dockerfile} uses FROM ${{BASE}} without `ARG BASE=<image>` before it")
        base = default.group(1)
    return _Source(name, path, base, base_is_arg)


def context_hash(name: str) -> str:
    """Hash of the image's build context (and of its local base image's), so edits rebuild it."""
    source = _source(name)
    digest = hashlib.sha256()
    for file in sorted(p for p in source.path.rglob("*") if p.is_file()):
        digest.update(file.relative_to(source.path).as_posix().encode() + b"\0")
        digest.update(b"x" if os.access(file, os.X_OK) else b"-")
        digest.update(file.read_bytes())
    if source.local_dependency:
        digest.update(context_hash(source.local_dependency).encode())
    return digest.hexdigest()[:12]


def image_tag(name: str) -> str:
    """The tag `name` is built as: `agentbench/<name>:<context hash>`."""
    return f"{REPOSITORY_PREFIX}{name}:{context_hash(name)}"


def ensure_images(api: APIClient, names: Iterable[str], progress: Progress | None = None) -> dict[str, str]:
    """Build whichever of `names` is missing from the engine; returns name -> tag."""
    report = progress or (lambda _: None)
    return {name: _ensure(api, name, report) for name in dict.fromkeys(names)}


def _exists(api: APIClient, image: str) -> bool:
    try:
        api.inspect_image(image)
    except ImageNotFound:
        return False
    return True


def _ensure(api: APIClient, name: str, progress: Progress) -> str:
    tag = image_tag(name)
    if _exists(api, tag):
        return tag
    source = _source(name)
    buildargs = _base_buildargs(api, source, progress)
    progress(f"building {tag}")
    _build(api, source, tag, buildargs, progress)
    _remove_stale_tags(api, name, tag)
    return tag


def _base_buildargs(api: APIClient, source: _Source, progress: Progress) -> dict[str, str]:
    dependency = source.local_dependency
    if dependency is not None:
        if not source.base_is_arg:
            raise ImageBuildError(
                f"sandboxes/{source.name}/Dockerfile: name a sandbox base as `ARG BASE={source.base}` + `FROM ${{BASE}}`"
            )
        return {"BASE": _ensure(api, dependency, progress)}
    if _exists(api, source.base) or _pull(api, source.base, progress):
        return {}
    if not source.base_is_arg:
        raise ImageBuildError(
            f"cannot pull {source.base} for sandbox image '{source.name}', and its Dockerfile has no "
            "`ARG BASE` through which a local Debian base could replace it"
        )
    suite = debian_suite(source.base)
    packages = source.path / "packages.txt"
    return {"BASE": ensure_debian_base(api, suite, packages if packages.is_file() else None, progress)}


def _pull(api: APIClient, image: str, progress: Progress) -> bool:
    repository, _, tag = image.partition(":")
    progress(f"pulling {image}")
    try:
        api.pull(repository, tag=tag or "latest")
    except (APIError, DockerException, RequestException):
        progress(f"cannot pull {image}; no registry answers")
        return False
    return True


def _build(api: APIClient, source: _Source, tag: str, buildargs: dict[str, str], progress: Progress) -> None:
    last_output = ""
    try:
        for chunk in api.build(path=str(source.path), tag=tag, buildargs=buildargs, rm=True, forcerm=True, decode=True):
            if "error" in chunk:
                error = " ".join(str(chunk["error"]).split())
                detail = f" (last output: {last_output})" if last_output else ""
                raise ImageBuildError(f"building sandbox image '{source.name}' failed: {error}{detail}")
            line = str(chunk.get("stream", "")).strip()
            if line.startswith("Step "):
                progress(f"{source.name}: {line}")
            elif line and not line.startswith(_BUILDER_CHATTER):
                last_output = line.splitlines()[-1]
    except (APIError, RequestException) as exc:
        raise ImageBuildError(f"building sandbox image '{source.name}' failed: {exc}") from exc


def _remove_stale_tags(api: APIClient, name: str, keep: str) -> None:
    for image in api.images(name=f"{REPOSITORY_PREFIX}{name}"):
        for stale in set(image.get("RepoTags") or ()) - {keep}:
            try:
                api.remove_image(stale)
            except APIError:
                continue
