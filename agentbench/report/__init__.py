"""The leaderboard report: one self-contained HTML file, plus CSV, JSON and Markdown exports.

The names below are imported on first use (PEP 562), so a run can use `report.transcripts` while it
collects samples without loading pandas and matplotlib before the eval starts.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agentbench.report.build import build_report, load_leaderboard
    from agentbench.report.export import export_leaderboard, write_csv, write_json, write_markdown
    from agentbench.report.runs import ReportError

_HOMES = {
    "ReportError": "agentbench.report.runs",
    "build_report": "agentbench.report.build",
    "load_leaderboard": "agentbench.report.build",
    "export_leaderboard": "agentbench.report.export",
    "write_csv": "agentbench.report.export",
    "write_json": "agentbench.report.export",
    "write_markdown": "agentbench.report.export",
}
__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)
