"""A task's files and setup script, put into the sandbox before the agent starts (the task's `setup` step).

Inspect's `Sample.files` writes one file per sandbox command and `Sample.setup` takes four more; a
sample of 8 files spent 0.7 s of its start on them (BENCHMARKS.md, twelfth pass). Here the files go
in one archive, extracted as the sandbox's default user (the agent) into its working directory, and
the setup script, written to a temporary file, runs in one more command, as the same user in the
same directory: the same end state.
"""

from __future__ import annotations

from pathlib import Path

from inspect_ai.solver import Generate, Solver, TaskState, solver
from inspect_ai.util import SandboxEnvironment, sandbox

from agentbench.sandbox.errors import SetupFailed
from agentbench.sandbox.root_files import SandboxFileError, write_workdir_files
from agentbench.spec.schema import FILES_DIR
from agentbench.suites.tool_use.samples import task_dir

SETUP_TIMEOUT_S = 300
"""As long as Inspect gives a sample's setup script."""
_RUN_SETUP = 'script=$(mktemp) && cat > "$script" && chmod +x "$script" || exit 97; "$script"; status=$?; rm -f -- "$script"; exit $status'


def task_files(folder: Path) -> dict[str, bytes]:
    """A task folder's files/: path relative to the sandbox's working directory -> contents."""
    root = folder / FILES_DIR
    if not root.is_dir():
        return {}
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


async def stage(env: SandboxEnvironment, folder: Path, setup: str | None) -> None:
    """Write `folder`'s files/ into `env`'s working directory, then run its `setup` script there."""
    try:
        await write_workdir_files(env, task_files(folder))
    except SandboxFileError as exc:
        raise SetupFailed(str(exc)) from exc
    if setup:
        result = await env.exec(["/bin/sh", "-c", _RUN_SETUP], input=(folder / setup).read_bytes(), timeout=SETUP_TIMEOUT_S)
        if not result.success:
            detail = (result.stderr.strip() or result.stdout.strip())[-500:]
            raise SetupFailed(f"setup script {setup} exited {result.returncode}: {detail}")


@solver
def stage_task() -> Solver:
    """The tool-use task's setup step: `stage` the sample's task folder (metadata `task_dir`, `setup`)."""

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        setup = state.metadata.get("setup")
        await stage(sandbox(), task_dir(state.metadata), str(setup) if setup else None)
        return state

    return solve
