"""Score a tool-use sample by running the task's verifier in the sandbox after the agent stopped.

A task may first probe what the agent left running (`scoring.probe`: a script of the task's,
run as the verifier's user while the agent's processes are still alive; it only observes, e.g.
asks a service on its port). Then the sandbox is frozen: every process of the agent user is
killed and none may be left (`sandbox/freeze.py`), so nothing the agent started can race the
verifier. Then the tests are copied in, with the verifier runtime (`verifier_runtime/`) beside
them, so the agent never saw them. Reward comes from the reward file when the verifier writes
one, else from its exit code (tasks/README.md).
"""

from __future__ import annotations

import contextlib
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

from inspect_ai.model import ChatMessageTool
from inspect_ai.scorer import Score, Target, mean, scorer
from inspect_ai.solver import TaskState
from inspect_ai.util import SandboxEnvironment, sandbox

from agentbench.sandbox.backends import SandboxBackend, sample_backend
from agentbench.sandbox.root_files import read_text_as, write_files_as
from agentbench.suites.tool_use.samples import task_dir
from agentbench.verifier_runtime import RUNTIME_FILES

OUTPUT_TAIL_CHARS = 4_000
PROBE_TIMEOUT_S = 60
PROBE_OUTPUT_CHARS = 1_000_000


def submitted_answer(state: TaskState) -> str:
    """What the agent passed to submit() last ('' if it never submitted)."""
    results = [m for m in state.messages if isinstance(m, ChatMessageTool) and m.function == "submit" and m.error is None]
    return results[-1].text if results else ""


@contextlib.contextmanager
def _verifier_root(on_host: bool) -> Iterator[str]:
    """Outside the working directory: /agentbench in a container (gone with it), a host folder for
    `local` that is removed after scoring (it holds the task's tests and the answer)."""
    if not on_host:
        yield f"/agentbench/{uuid.uuid4().hex[:8]}"
        return
    with tempfile.TemporaryDirectory(prefix="agentbench-verifier-") as folder:
        yield folder


def parse_reward(text: str | None, exit_code: int) -> tuple[float, str | None]:
    """Reward from the reward file's text (if any) and the exit code; second item explains a bad file."""
    if text is None or not text.strip():
        return (1.0 if exit_code == 0 else 0.0), None
    try:
        value = float(text.strip())
    except ValueError:
        return 0.0, f"reward file holds {text.strip()[:40]!r}, not a number"
    if not 0.0 <= value <= 1.0:
        return 0.0, f"reward {value} is outside [0, 1]"
    return value, None


async def run_probe(env: SandboxEnvironment, metadata: dict, root: str, user: str | None) -> str:
    """The stdout of the task's probe ('' when it has none or it timed out), run before the freeze.

    The script is written under `root` (out of the agent's reach) and run with `python3 -I`
    in the working directory; what it prints is data for the verifier, which checks it.
    """
    probe = metadata.get("probe")
    if not probe:
        return ""
    path = f"{root}/probe/{Path(str(probe)).name}"
    await write_files_as(env, {path: (task_dir(metadata) / str(probe)).read_bytes()}, user=user)
    try:
        result = await env.exec(["python3", "-I", path], timeout=PROBE_TIMEOUT_S, user=user)
    except TimeoutError:
        return ""
    return result.stdout[:PROBE_OUTPUT_CHARS]


@scorer(metrics=[mean()])
def verifier():
    """Run tests/ of the task folder against the sandbox's end state."""

    async def score(state: TaskState, target: Target) -> Score:
        env = sandbox()
        backend = sample_backend(state.metadata)
        with _verifier_root(backend.verifier_on_host) as root:
            return await _verify(env, state, backend, root)

    return score


async def _verify(env: SandboxEnvironment, state: TaskState, backend: SandboxBackend, root: str) -> Score:
    """Probe, freeze, copy the tests in under `root`, run the verifier and read its reward."""
    user = backend.verifier_user
    probed = await run_probe(env, state.metadata, root, user)
    if backend.freeze is not None:
        await backend.freeze(env)
    verifier_rel = Path(str(state.metadata["verifier"]))
    tests_src = task_dir(state.metadata) / verifier_rel.parent
    tests_dst = f"{root}/{verifier_rel.parent.as_posix()}"
    answer = submitted_answer(state)
    files = {
        f"{tests_dst}/{path.relative_to(tests_src).as_posix()}": path.read_bytes()
        for path in sorted(tests_src.rglob("*"))
        if path.is_file()
    }
    files.update({f"{tests_dst}/{path.name}": path.read_bytes() for path in RUNTIME_FILES})
    await write_files_as(env, {**files, f"{root}/answer.txt": answer.encode(), f"{root}/probe.txt": probed.encode()}, user=user)
    reward_file = f"{root}/reward.txt"
    env_vars = {
        "AGENTBENCH_ANSWER_FILE": f"{root}/answer.txt",
        "AGENTBENCH_REWARD_FILE": reward_file,
        "AGENTBENCH_TESTS_DIR": tests_dst,
        "AGENTBENCH_PROBE_FILE": f"{root}/probe.txt",
    }
    script = f"{root}/{verifier_rel.as_posix()}"
    command = ["bash", "-c", 'export AGENTBENCH_WORKDIR="$PWD"; exec bash "$0"', script]
    try:
        result = await env.exec(command, env=env_vars, timeout=int(state.metadata["verifier_timeout_s"]), user=user)
    except TimeoutError:
        return Score(value=0.0, answer=answer, explanation="verifier timed out", metadata={"success": False})
    reward_text = await read_text_as(env, reward_file, user=user)
    reward, problem = parse_reward(reward_text, result.returncode)
    output = (result.stdout + result.stderr)[-OUTPUT_TAIL_CHARS:]
    return Score(
        value=reward,
        answer=answer,
        explanation=problem or output,
        metadata={"success": result.returncode == 0 and reward == 1.0, "exit_code": result.returncode},
    )
