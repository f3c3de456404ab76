"""The leaderboard report: one self-contained HTML file, plus CSV, JSON and Markdown exports."""

from agentbench.report.build import build_report, load_leaderboard
from agentbench.report.export import export_leaderboard, write_csv, write_json, write_markdown
from agentbench.report.runs import ReportError

__all__ = [
    "ReportError",
    "build_report",
    "export_leaderboard",
    "load_leaderboard",
    "write_csv",
    "write_json",
    "write_markdown",
]
