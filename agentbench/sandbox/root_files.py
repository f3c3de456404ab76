"""Files the harness writes into or reads from a sandbox in one command, as a chosen user.

`write_file` and `read_file` act as the sandbox's default user (the agent), one file per
command, as the agent's own tools need. The verifier's files live where the agent cannot look
(/agentbench, root 0700), which takes root; a task's files are many, and one archive costs one
command instead of one per file. These go through `exec(user=...)` and work with any Inspect
sandbox that can run commands as that user (`None`: its default user, the only one of `local`).
"""

from __future__ import annotations

import io
import tarfile
import time
from collections.abc import Mapping
from pathlib import PurePosixPath

from inspect_ai.util import SandboxEnvironment

TIMEOUT_S = 600
_PATH = "PATH=/usr/sbin:/usr/bin:/sbin:/bin"
_EXTRACT = f'{_PATH}; exec tar -x -f - -C "$1"'
_READ = f'{_PATH}; [ -e "$1" ] || exit 3; exec cat -- "$1"'
_MISSING = 3


class SandboxFileError(RuntimeError):
    """A copy into or a read from the sandbox ran and failed; the message has the command's words."""


def _archive(files: Mapping[str, bytes], absolute: bool) -> bytes:
    buffer = io.BytesIO()
    now = time.time()  # not tar's default of 1970: tasks may compare modification times
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for path, contents in files.items():
            posix = PurePosixPath(path)
            if posix.is_absolute() != absolute or ".." in posix.parts:
                kind = "absolute paths" if absolute else "paths relative to the working directory, without '..'"
                raise ValueError(f"these files need {kind}, not {path!r}")
            info = tarfile.TarInfo(path.lstrip("/"))
            info.size = len(contents)
            info.mode = 0o644
            info.mtime = now
            tar.addfile(info, io.BytesIO(contents))
    return buffer.getvalue()


async def _extract(env: SandboxEnvironment, archive: bytes, into: str, count: int, user: str | None) -> None:
    result = await env.exec(["/bin/sh", "-c", _EXTRACT, "extract", into], input=archive, user=user, timeout=TIMEOUT_S)
    if not result.success:
        raise SandboxFileError(f"copying {count} file(s) into the sandbox failed: {result.stderr.strip()}")


async def write_files_as(env: SandboxEnvironment, files: Mapping[str, bytes], user: str | None = "root") -> None:
    """Write `files` (absolute path -> contents, parents created) in one exec as `user`."""
    await _extract(env, _archive(files, absolute=True), "/", len(files), user)


async def write_workdir_files(env: SandboxEnvironment, files: Mapping[str, bytes], user: str | None = None) -> None:
    """Write `files` (path relative to the sandbox's working directory -> contents, parents created)
    in one exec as `user`; with no files, nothing runs."""
    if files:
        await _extract(env, _archive(files, absolute=False), ".", len(files), user)


async def read_text_as(env: SandboxEnvironment, path: str, user: str | None = "root") -> str | None:
    """The text of `path` read as `user`, or None when it does not exist."""
    result = await env.exec(["/bin/sh", "-c", _READ, "read", path], user=user, timeout=TIMEOUT_S)
    if result.returncode == _MISSING:
        return None
    if not result.success:
        raise SandboxFileError(f"reading {path} from the sandbox failed: {result.stderr.strip()}")
    return result.stdout
