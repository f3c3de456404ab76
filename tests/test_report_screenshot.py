"""The README's screenshot script works: it shoots a report in real headless Chromium and writes a PNG."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from cdp import chromium_path
from report_fixtures import standard_run

from agentbench.report import build_report

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(chromium_path() is None, reason="chromium is not installed (apt-get install -y chromium)"),
]
SCRIPT = Path(__file__).resolve().parent.parent / "bench" / "report_screenshot.py"


def test_the_screenshot_script_captures_leaderboard_to_failures(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("report_screenshot", SCRIPT)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    run_dir = standard_run(tmp_path / "runs")
    build_report([run_dir], run_dir / "leaderboard.html")
    out = script.shoot(run_dir / "leaderboard.html", tmp_path / "shot.png", tmp_path / "profile")
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width == script.WIDTH and height > 600
