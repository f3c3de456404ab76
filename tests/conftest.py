"""Shared fixtures: paths of the fixture task folders."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def fixture_tasks() -> Path:
    """A folder with one small multi-step tool-use task (`make-report`, tagged `fixture`)."""
    return FIXTURES / "tasks"


@pytest.fixture(scope="session")
def overflow_tasks() -> Path:
    """A task whose tool output floods an 8k context window (`flood`)."""
    return FIXTURES / "overflow"
