"""A base image without any registry: debootstrap a minimal Debian, cache it, `docker import` it.

The root filesystem tarball is cached under ~/.cache/agentbench, keyed by the release, the
package list and the builder script, so rebuilding images on the same machine skips debootstrap.
Processes that need the same base at once (two runs, parallel test workers on a fresh machine)
take turns on a file lock: one builds, the others find its image.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
from pathlib import Path

from docker import APIClient
from filelock import FileLock
from docker.errors import ImageNotFound

from agentbench.sandbox.docker.engine import Progress
from agentbench.sandbox.errors import ImageBuildError
from agentbench.sandbox.docker.paths import cache_dir, sandboxes_dir

_DEBIAN = re.compile(r"(?:docker\.io/)?(?:library/)?debian:([a-z]+)(?:-slim)?")
_IMAGE_CHANGES = [
    "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    'CMD ["bash"]',
]


def builder_script() -> Path:
    """`sandboxes/debian_base.sh`, which makes the root filesystem tarball."""
    return sandboxes_dir() / "debian_base.sh"


def debian_suite(image: str) -> str:
    """The Debian release a `debian:<release>[-slim]` image stands for."""
    found = _DEBIAN.fullmatch(image)
    if found is None:
        raise ImageBuildError(f"no registry answers for {image}, and only debian:<release> bases can be built locally")
    return found.group(1)


def _key(suite: str, packages: bytes) -> str:
    digest = hashlib.sha256(builder_script().read_bytes() + b"\0" + suite.encode() + b"\0" + packages)
    return f"{suite}-{digest.hexdigest()[:12]}"


def ensure_debian_base(api: APIClient, suite: str, packages_file: Path | None, progress: Progress) -> str:
    """Tag of a local Debian `suite` image holding the packages listed in `packages_file`."""
    packages = packages_file.read_bytes() if packages_file else b""
    key = _key(suite, packages)
    tag = f"agentbench/debian-base:{key}"
    if _present(api, tag):
        return tag
    cache_dir().mkdir(parents=True, exist_ok=True)
    with FileLock(cache_dir() / f"debian-base-{key}.lock"):
        if _present(api, tag):
            return tag
        tarball = cache_dir() / f"debian-base-{key}.tar"
        if not tarball.is_file():
            _debootstrap(suite, packages_file, tarball, progress)
        progress(f"importing {tarball} as {tag}")
        api.import_image_from_file(str(tarball), repository="agentbench/debian-base", tag=key, changes=_IMAGE_CHANGES)
    for stale in cache_dir().glob("debian-base-*.tar"):
        if stale != tarball:
            stale.unlink(missing_ok=True)
    return tag


def _present(api: APIClient, tag: str) -> bool:
    try:
        api.inspect_image(tag)
        return True
    except ImageNotFound:
        return False


def _debootstrap(suite: str, packages_file: Path | None, tarball: Path, progress: Progress) -> None:
    if os.geteuid() != 0:
        raise ImageBuildError(
            "no registry answers and a local Debian base needs root (debootstrap); "
            "run `agentbench sandbox build` as root once"
        )
    tarball.parent.mkdir(parents=True, exist_ok=True)
    progress(f"no registry: debootstrapping Debian {suite} into {tarball} (once per machine, about 1-2 min)")
    result = subprocess.run(
        ["bash", str(builder_script()), suite, str(packages_file or os.devnull), str(tarball)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        raise ImageBuildError(f"building the local Debian base failed: {' | '.join(lines[-3:]) or 'no output'}")
