"""The sample's epoch, carried from Inspect's task state to our model API's requests (see extensions)."""

from __future__ import annotations

from typing import Any

from inspect_ai.solver import Generate, Solver, TaskState, solver
from inspect_ai.util import store

from agentbench.endpoints.extensions import EPOCH_HEADER

_EPOCH_KEY = "agentbench:epoch"


@solver
def note_epoch() -> Solver:
    """Remember the sample's epoch where our model API can read it (the sample's store)."""

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        remember_epoch(state)
        return state

    return solve


def remember_epoch(state: TaskState) -> None:
    """What `note_epoch` does, for a suite's own first solver to do in the same step (a solver step
    costs a transcript span and a state snapshot per sample)."""
    store().set(_EPOCH_KEY, state.epoch)


def epoch_headers() -> dict[str, str]:
    """The epoch header for the sample being run, if one was noted (`note_epoch` or `remember_epoch`)."""
    epoch: Any = store().get(_EPOCH_KEY)
    return {EPOCH_HEADER: str(epoch)} if isinstance(epoch, int) else {}
