"""Files the harness writes into or reads from a sandbox as root, such as the verifier's.

`write_file` and `read_file` act as the sandbox's default user (the agent), as Inspect's
Sample.files and the agent's own tools need. The verifier's files live where the agent
cannot look (/agentbench, root 0700), which takes root: these go through `exec(user=...)`
and work with any Inspect sandbox that can run commands as that user (`None` for `local`).
"""

from __future__ import annotations

import io
import tarfile
from collections.abc import Mapping
from pathlib import PurePosixPath

from inspect_ai.util import SandboxEnvironment

TIMEOUT_S = 600
_PATH = "PATH=/usr/sbin:/usr/bin:/sbin:/bin"
_EXTRACT = f"{_PATH}; tar -x -f - -C /"
_READ = f'{_PATH}; [ -e "$1" ] || exit 3; exec cat -- "$1"'
_MISSING = 3


def _archive(files: Mapping[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for path, contents in files.items():
            if not PurePosixPath(path).is_absolute():
                raise ValueError(f"root files need absolute paths, not {path!r}")
            info = tarfile.TarInfo(path.lstrip("/"))
            info.size = len(contents)
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(contents))
    return buffer.getvalue()


async def write_files_as(env: SandboxEnvironment, files: Mapping[str, bytes], user: str | None = "root") -> None:
    """Write `files` (absolute path -> contents, parents created) in one exec as `user`."""
    result = await env.exec(["/bin/sh", "-c", _EXTRACT], input=_archive(files), user=user, timeout=TIMEOUT_S)
    if not result.success:
        raise RuntimeError(f"copying {len(files)} file(s) into the sandbox failed: {result.stderr.strip()}")


async def read_text_as(env: SandboxEnvironment, path: str, user: str | None = "root") -> str | None:
    """The text of `path` read as `user`, or None when it does not exist."""
    result = await env.exec(["/bin/sh", "-c", _READ, "read", path], user=user, timeout=TIMEOUT_S)
    if result.returncode == _MISSING:
        return None
    if not result.success:
        raise RuntimeError(f"reading {path} from the sandbox failed: {result.stderr.strip()}")
    return result.stdout
