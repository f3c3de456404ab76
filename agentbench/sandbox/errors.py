"""Errors the sandbox raises beyond Inspect's own (TimeoutError, OutputLimitExceededError, ...)."""

from __future__ import annotations


class EngineUnavailable(RuntimeError):
    """No Docker engine answers and we could not start one."""


class BackendUnavailable(RuntimeError):
    """A sandbox backend cannot be used here: its provider, tool or cluster is missing or refuses."""


class ImageBuildError(RuntimeError):
    """A sandbox image could not be built; the message says which and why, in one line."""


class SandboxCrashed(RuntimeError):
    """The container died or was killed by a limit (memory); the sample cannot go on in it.

    Deliberately not an Inspect `SandboxUnavailableError`: Inspect turns that into a tool error
    and lets the agent keep calling a dead sandbox, whereas this ends the sample as an error
    the runner records as `sandbox_error`.
    """

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class SetupFailed(RuntimeError):
    """A sample's sandbox could not be prepared (its task's files or setup script): the sample cannot start.

    A sandbox failure for the runner (`sandbox_error`), whichever backend: not the model's doing."""


class ExecTimeout(TimeoutError):
    """A command ran past its timeout and was killed with every process it started."""

    def __init__(self, message: str, truncated_output: str) -> None:
        super().__init__(message)
        self.truncated_output = truncated_output
