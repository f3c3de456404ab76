"""Suites are plugins: the registry finds built-ins and installed packages, a third-party suite runs end
to end through `agentbench run` and `report`, and a bad plugin or option costs one line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from agentbench.analysis.column import Column
from agentbench.analysis.columns import CORE_COLUMNS, merge_columns
from agentbench.run.selection import Selection
from agentbench.suites.registry import build_registry, load_suites

REPO = Path(__file__).resolve().parents[1]
PLUGIN = Path(__file__).parent / "fixtures" / "plugin_suite" / "tiny_suite"


def _install(root: Path) -> Path:
    """`tiny_suite` as pip would leave it: the package and a dist-info naming its entry point (no pip, no venv)."""
    site = root / "site"
    shutil.copytree(PLUGIN, site / "tiny_suite")
    info = site / "tiny_suite-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: tiny-suite\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[agentbench.suites]\ntiny = tiny_suite:SUITE\n")
    return site


def _agentbench(site: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(site)])}
    return subprocess.run([sys.executable, "-m", "agentbench", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)


@pytest.mark.slow
def test_an_installed_third_party_suite_runs_end_to_end(tmp_path: Path) -> None:
    site = _install(tmp_path)
    listed = _agentbench(site, "tasks", "list", "--suite", "tiny", cwd=tmp_path)
    assert "suite tiny: repeat a word" in listed.stdout, listed.stderr
    ran = _agentbench(site, "run", "tiny", "--tiny-words", "3", "--model", "ref/oracle", "--model", "ref/null",
                      "--results-dir", str(tmp_path / "results"), "--display", "none", cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr[-2000:]
    run_dir = next((tmp_path / "results").iterdir())
    frame = pd.read_parquet(run_dir / "samples.parquet")
    assert set(frame["suite"]) == {"tiny"} and len(frame) == 6
    assert frame.groupby("model")["success"].mean().to_dict() == {"ref/null": 0.0, "ref/oracle": 1.0}
    assert sorted(frame["tiny_word_length"].dropna().astype(int)) == [5, 5, 6, 6, 6, 6]  # amber, basalt, cobalt
    html = (run_dir / "leaderboard.html").read_text()
    assert 'id="tiny"' in html and "3 tiny samples" not in html and "6 tiny samples, 3 repeated." in html


def test_a_bad_option_of_a_plugin_suite_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _install(tmp_path)
    bad = _agentbench(site, "run", "tiny", "--tiny-words", "zero", "--model", "ref/oracle",
                      "--results-dir", str(tmp_path / "results"), cwd=tmp_path)
    assert bad.returncode == 1
    assert bad.stderr.strip().splitlines() == ["Error: tiny --tiny-words zero: invalid literal for int() with base 10: 'zero'"]
    assert not (tmp_path / "results").exists()
    monkeypatch.syspath_prepend(str(site))
    from tiny_suite import SUITE as tiny

    registry = build_registry([*((name, suite) for name, suite in load_suites().suites.items()), ("tiny", tiny)])
    with pytest.raises(ValueError, match=r"^--lengths is an option of long_context, agentic_long_context, not of tiny$"):
        Selection(("tiny",), lengths="4k", registry=registry)
    with pytest.raises(ValueError, match=r"^tiny --tiny-words 9: must be 1 to 6$"):
        Selection(("tiny",), tiny_words="9", registry=registry)


def test_a_broken_plugin_costs_one_line_and_not_the_other_suites() -> None:
    class NoTask:
        name = "half"

    registry = build_registry([("good", load_suites().get("long_context")), ("half (pkg:HALF)", NoTask()),
                               ("boom (pkg:X)", ImportError("No module named 'pkg'")),
                               ("twin", load_suites().get("long_context"))])
    assert registry.names == ["long_context"]
    assert [e.split(":")[0] for e in registry.errors] == ["suite half (pkg", "suite boom (pkg", "suite twin"]
    assert "lacks summary, options, starter, columns, task, images, oracle, report_section" in registry.errors[0]
    assert "is taken" in registry.errors[2]


def test_selection_knows_suites_only_from_the_registry() -> None:
    only_long = build_registry([("lc", load_suites().get("long_context"))])
    with pytest.raises(ValueError, match="unknown suite .tool_use.; choose from starter, long_context$"):
        Selection(("tool_use",), registry=only_long)
    with pytest.raises(ValueError, match=r"^long_context --lengths 4q: bad length '4q'"):
        Selection(("long_context",), lengths="4q")
    with pytest.raises(ValueError, match="--tags is an option of tool_use, not of long_context"):
        Selection(("long_context",), tags="starter")
    starter = Selection()
    assert [suite.name for suite, _ in starter.chosen()] == ["tool_use", "long_context"]


def test_a_suite_column_may_not_redefine_a_core_one_or_change_a_shared_dtype() -> None:
    mine = Column("model", "string", "mine", lambda f: None)
    with pytest.raises(ValueError, match="suite x: column 'model' clashes with a core column"):
        merge_columns(CORE_COLUMNS, [("x", mine)])
    length = Column("length", "Int64", "a", lambda f: None)
    assert merge_columns(CORE_COLUMNS, [("a", length), ("b", length)])[-1] is length
    with pytest.raises(ValueError, match=r"suite b: column 'length' clashes with suite a \(Int64\)"):
        merge_columns(CORE_COLUMNS, [("a", length), ("b", Column("length", "float64", "b", lambda f: None))])
