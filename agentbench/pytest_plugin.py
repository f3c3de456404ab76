"""pytest plugin (entry point `pytest11`): regression tests of agents and endpoints as ordinary tests.

    def test_agent(agentbench):
        result = agentbench.run("starter", models=["my-model"], base_url="http://gpu-box:8000/v1")
        result.assert_no_regression(baseline="default")

`run` evaluates like `agentbench run` (results go to --agentbench-results, default a temporary
folder); `assert_no_regression` gates the run against a baseline name (looked up under
--agentbench-baselines-dir/baselines/NAME, default ./results) or a run folder, and fails the
test with the gate's own lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:  # the plugin loads in every pytest session of an environment with agentbench: import lazily
    import pandas as pd

    from agentbench.regression.outcome import Outcome


@dataclass(frozen=True)
class RunResult:
    """A finished run: its folder and samples table, and where baselines are looked up."""

    run_dir: Path
    samples: pd.DataFrame
    baselines_dir: Path

    def compare(self, baseline: str | Path, *, max_drop: float | None = None, alpha: float | None = None,
                correction: str | None = None, max_cost_increase: str | None = None,
                max_p95_ttft_increase: str | None = None, allow: Iterable[str] | str = (),
                thresholds: Path | None = None, seed: int = 0) -> Outcome:
        """The gate's outcome of this run against `baseline`; ComparisonError if not comparable."""
        from agentbench.regression.comparability import parse_allow
        from agentbench.regression.compare import Options
        from agentbench.regression.gate import load_settings, with_overrides
        from agentbench.regression.outcome import compare_runs

        loaded, file_options = load_settings(thresholds)
        gate_thresholds = with_overrides(loaded, max_drop=max_drop, cost=max_cost_increase,
                                                     ttft=max_p95_ttft_increase)
        options = Options(alpha=alpha or file_options.get("alpha", 0.05),
                          correction=correction or file_options.get("correction", "holm"), seed=seed)
        allowed = parse_allow(allow) if isinstance(allow, str) else tuple(allow)
        return compare_runs(baseline, self.run_dir, thresholds=gate_thresholds, options=options, allow=allowed,
                            results_dir=self.baselines_dir)

    def assert_no_regression(self, baseline: str | Path, **gate: Any) -> Outcome:
        """Fail the test (with the gate's lines) on a regression or a refused comparison; else the outcome."""
        from agentbench.regression.runs import ComparisonError

        try:
            outcome = self.compare(baseline, **gate)
        except ComparisonError as exc:
            refused = str(exc)
        else:
            refused = None
        if refused is not None:
            pytest.fail(f"agentbench gate: {refused}", pytrace=False)
        if not outcome.passed:
            lines = "\n".join(f"  REGRESSION {line}" for line in outcome.failures())
            pytest.fail(f"agentbench gate against {baseline}: {len(outcome.failures())} regression(s)\n{lines}",
                        pytrace=False)
        return outcome


class Agentbench:
    """What the `agentbench` fixture gives a test: run an evaluation, or load a finished run."""

    def __init__(self, results_dir: Path, baselines_dir: Path) -> None:
        self.results_dir = results_dir
        self.baselines_dir = baselines_dir

    def run(self, *suites: str, models: Sequence[str] = (), base_url: str | None = None,
            api_key_env: str | None = None, model_args: Mapping[str, Any] | None = None, epochs: int = 1,
            **selection: Any) -> RunResult:
        """Evaluate like `agentbench run SUITES --model ...`; `selection` takes Selection's fields
        (sandbox, tokenizer, lengths, depths, variants, task_ids, tags...). No models: the reference models."""
        from agentbench.run.endpoints import DEFAULT_MODELS, Endpoint
        from agentbench.run.runner import RunOptions, run
        from agentbench.run.selection import STARTER, Selection

        endpoints = [Endpoint(model, base_url, api_key_env, model_args=dict(model_args or {}))
                     for model in (models or DEFAULT_MODELS)]
        outcome = run(endpoints, Selection(suites=suites or (STARTER,), **selection),
                      RunOptions(epochs=epochs, results_dir=self.results_dir, display="none"), progress=lambda _: None)
        if outcome.interrupted:
            pytest.fail(f"agentbench run interrupted; completed samples are in {outcome.files.run_dir}", pytrace=False)
        return RunResult(outcome.files.run_dir, outcome.samples, self.baselines_dir)

    def load(self, run_dir: str | Path) -> RunResult:
        """A finished run folder (or baseline name) as a result to assert on."""
        from agentbench.regression.runs import load_side

        side = load_side(run_dir, self.baselines_dir)
        return RunResult(side.path, side.samples, self.baselines_dir)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("agentbench")
    group.addoption("--agentbench-results", default=None, help="Folder for runs made by the agentbench fixture "
                    "(default: a temporary folder).")
    group.addoption("--agentbench-baselines-dir", default="results",
                    help="Folder whose baselines/NAME the fixture's baseline names refer to (default: results).")


@pytest.fixture
def agentbench(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Agentbench:
    """Run agentbench evaluations in a test and gate them against a baseline."""
    config = request.config
    results = config.getoption("--agentbench-results")
    results_dir = Path(results) if results else tmp_path_factory.mktemp("agentbench-results")
    baselines_dir = Path(config.getoption("--agentbench-baselines-dir"))
    if not baselines_dir.is_absolute():
        baselines_dir = config.rootpath / baselines_dir
    return Agentbench(results_dir, baselines_dir)
