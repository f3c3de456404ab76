"""The on-disk schema of a task folder (`task.yaml`), validated with pydantic.

A task folder reads without code: the instruction, the sandbox it needs, the oracle's
solution (`solution.sh`) and a verifier (`tests/test.sh`) that checks the end state.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, NonNegativeInt, field_validator

FOLDER_SUITES: tuple[str, ...] = ("tool_use",)
"""Suites whose tasks are folders; a folder under `<suite>/` belongs to that suite unless task.yaml says."""
DEFAULT_SUITE = "tool_use"
"""The suite of a task folder that is not under a suite's folder (e.g. `tasks validate ./my-task`)."""
FILES_DIR = "files"
"""The task folder's folder copied into the agent's working directory."""

ToolName = Literal["bash", "python", "text_editor"]
ALL_TOOLS: tuple[ToolName, ...] = ("bash", "python", "text_editor")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SandboxSpec(_Strict):
    """Where the agent works; a task may relax isolation only by declaring it here."""

    image: str = Field("base", description="Folder name under sandboxes/ whose Dockerfile builds the image.")
    workdir: str = Field("/workspace", description="Agent's working directory; files/ is copied here.")
    network: bool = Field(False, description="Allow network access from the sandbox.")
    memory_mb: int = Field(1024, gt=0, description="Memory limit.")
    cpus: float = Field(1.0, gt=0, description="CPU limit.")
    pids: int = Field(256, gt=0, description="Process count limit.")
    disk_mb: int = Field(
        512, gt=0, description="Size of each writable place (working dir, /tmp, /var/tmp, home); counts toward memory."
    )


class Limits(_Strict):
    """Per-sample limits; hitting one ends the sample with the matching failure category."""

    max_turns: int = Field(30, gt=0, description="Model turns (assistant messages) before `turn_limit`.")
    time_s: int = Field(600, gt=0, description="Wall-clock seconds before `time_limit`.")
    max_tokens: int | None = Field(None, gt=0, description="Total tokens before `token_limit`.")
    max_output_tokens: int | None = Field(None, gt=0, description="Tokens one model reply may use (the request's max_tokens; null: the suite's default).")


class Scoring(_Strict):
    """How the end state is checked."""

    verifier: str = Field("tests/test.sh", description="Script run in the sandbox after the agent stops.")
    timeout_s: int = Field(120, gt=0, description="Seconds the verifier may run.")
    probe: str | None = Field(
        None,
        description="Python script in the task folder run as root (`python3 -I`) in the working directory just before "
        "the agent's processes are killed, to observe what it left running (a service's answers); its stdout is "
        "given to the verifier (AGENTBENCH_PROBE_FILE).",
    )


class TaskSpec(_Strict):
    """One tool-use task as declared in `task.yaml`."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    suite: str = Field(pattern=r"^[a-z0-9][a-z0-9_]*$")
    instruction: str = Field(min_length=1)
    category: str = "general"
    difficulty: Literal["easy", "medium", "hard"] = "medium"
    tags: tuple[str, ...] = ()
    tools: tuple[ToolName, ...] = ALL_TOOLS
    sandbox: SandboxSpec = SandboxSpec()
    limits: Limits = Limits()
    scoring: Scoring = Scoring()
    setup: str | None = Field(
        None,
        description="Script in the task folder run in the sandbox, as the agent user in the working directory, "
        "after files/ is copied and before the agent starts (to generate large data or start a service).",
    )

    @field_validator("instruction")
    @classmethod
    def _strip(cls, value: str) -> str:
        return value.strip()


class TaskMeta(BaseModel):
    """tests/meta.json of a code task, what the verifier runtime's `pytest_checks` and
    `protected_changes` read (tasks/README.md); a verifier may keep keys of its own beside them."""

    model_config = ConfigDict(extra="allow", frozen=True)

    sources: list[str] = Field([], description="Paths copied from the agent's working dir for the tests.")
    suites: dict[str, NonNegativeInt] = Field({}, description="Folder under tests/ -> number of its tests that must pass.")
    protected: list[str] = Field([], description="Globs under files/ the agent must not change.")
    checksums: dict[str, str] = Field({}, description="SHA-256 of each protected file, written by `tasks validate`.")


class TaskFolder(BaseModel):
    """A validated task together with where it lives on disk."""

    model_config = ConfigDict(frozen=True)

    spec: TaskSpec
    path: Path

    @property
    def key(self) -> str:
        """Unique name across suites, `suite/id`."""
        return f"{self.spec.suite}/{self.spec.id}"

    @property
    def solution(self) -> Path:
        return self.path / "solution.sh"

    @property
    def verifier(self) -> Path:
        return self.path / self.spec.scoring.verifier

    @property
    def tests_dir(self) -> Path:
        return self.verifier.parent

    @property
    def wrong_solutions(self) -> list[Path]:
        """tests/wrong/*.sh: known-wrong solutions, in solution.sh's format, that must fail."""
        return sorted((self.tests_dir / "wrong").glob("*.sh"))

    @property
    def setup_script(self) -> Path | None:
        return self.path / self.spec.setup if self.spec.setup else None

    @property
    def files_dir(self) -> Path:
        return self.path / FILES_DIR
