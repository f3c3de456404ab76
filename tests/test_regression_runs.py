"""The gate on real runs: a fresh default run passes the committed baseline, a planted fault rate fails
a baseline of the same grid, and the pytest plugin says the same from a user's project."""

from __future__ import annotations

import importlib.metadata
import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from junitparser import JUnitXml

from agentbench.cli.main import cli
from agentbench.run.endpoints import DEFAULT_MODELS, Endpoint
from agentbench.run.runner import RunOptions, run
from agentbench.run.selection import Selection

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
GRID = {"lengths": "1k", "depths": "0,25,50,75,100",
        "variants": "niah_single_number,niah_single_word,niah_single_uuid,niah_multikey"}
FAULTS = "server_error=0.6,seed=1"
"""60% of requests answer 500 and the model is allowed no retry: about 12 of 20 samples fail."""


def _faulty(faults: str) -> dict[str, object]:
    return {"max_attempts": 1, "headers": {"X-Agentbench-Faults": faults}}


def _run(results: Path, model_args: dict[str, object] | None = None) -> Path:
    outcome = run([Endpoint("ref/oracle", model_args=model_args or {})],
                  Selection(suites=("long_context",), **GRID), RunOptions(results_dir=results, display="none"),
                  progress=lambda _: None)
    assert not outcome.interrupted
    return outcome.files.run_dir


def _gate(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["gate", *args, "--max-p95-ttft-increase", "off"])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def grid_baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A baseline of ref/oracle on a 20-sample long-context grid, saved with `agentbench baseline save`."""
    results = tmp_path_factory.mktemp("results")
    saved = CliRunner().invoke(cli, ["baseline", "save", str(_run(results)), "--name", "grid",
                                     "--results-dir", str(results)])
    assert saved.exit_code == 0, saved.output
    return results


def test_fresh_default_run_passes_the_committed_baseline(tmp_path: Path) -> None:
    """What CI guards: today's default run (Docker sandboxes) against results/baselines/default."""
    outcome = run([Endpoint(model) for model in DEFAULT_MODELS], Selection(),
                  RunOptions(results_dir=tmp_path, display="none"), progress=lambda _: None)
    code, output = _gate(str(outcome.files.run_dir), "--baseline", "default", "--results-dir", str(REPO / "results"),
                         "--junit", str(tmp_path / "junit.xml"))
    assert code == 0, output
    xml = JUnitXml.fromfile(str(tmp_path / "junit.xml"))
    assert xml.tests > 0 and xml.failures == 0 and xml.errors == 0


def test_planted_fault_rate_fails_the_gate(grid_baseline: Path, tmp_path: Path) -> None:
    fresh = _run(tmp_path)
    code, output = _gate(str(fresh), "--baseline", "grid", "--results-dir", str(grid_baseline))
    assert code == 0, output
    faulty = _run(tmp_path, _faulty(FAULTS))
    code, output = _gate(str(faulty), "--baseline", "grid", "--results-dir", str(grid_baseline),
                         "--junit", str(tmp_path / "junit.xml"))
    assert code == 1, output
    failed = [case.name for suite in JUnitXml.fromfile(str(tmp_path / "junit.xml")) for case in suite
              if case.result and type(case.result[0]).__name__ == "Failure"]
    assert failed == ["ref/oracle / long_context / success"]
    assert "REGRESSION ref/oracle / long_context / success: regressed: success 100.0% ->" in output


def test_pytest_plugin_from_a_users_project(grid_baseline: Path, pytester: pytest.Pytester) -> None:
    baseline = grid_baseline / "baselines" / "grid"
    pytester.makepyfile(test_agent=textwrap.dedent(f"""
        GRID = {json.dumps(GRID)}

        def test_unchanged(agentbench):
            result = agentbench.run("long_context", models=["ref/oracle"], **GRID)
            outcome = result.assert_no_regression(baseline={str(baseline)!r}, max_p95_ttft_increase="off")
            assert outcome.passed

        def test_degraded(agentbench):
            result = agentbench.run("long_context", models=["ref/oracle"], model_args={_faulty(FAULTS)!r}, **GRID)
            result.assert_no_regression(baseline={str(baseline)!r}, max_p95_ttft_increase="off")
    """))
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    installed = any(e.value == "agentbench.pytest_plugin" for e in importlib.metadata.entry_points(group="pytest11"))
    result = pytester.runpytest_subprocess(*([] if installed else ["-p", "agentbench.pytest_plugin"]), timeout=600)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*agentbench gate against*: 1 regression(s)*",
                                 "*REGRESSION ref/oracle / long_context / success: regressed: success 100.0% ->*"])
