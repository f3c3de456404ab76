"""The verifier runtime copied into each sandbox beside a task's tests (see abverify.py).

Kept free of agentbench imports: the files here run inside the sandbox, under the sandbox's python.
"""

from __future__ import annotations

from pathlib import Path

RUNTIME_FILES = (Path(__file__).with_name("abverify.py"),)
"""Copied into the verifier's copy of tests/ under their own names (reserved in task folders)."""
