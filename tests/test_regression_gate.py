"""compare / gate / baseline on synthetic run folders: pairing, comparability, verdicts, exit codes, JUnit."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from junitparser import Failure, JUnitXml, Skipped

from agentbench.analysis.columns import sample_dtypes
from agentbench.cli.main import cli
from agentbench.regression import comparability
from agentbench.regression.compare import compare, pair

SAMPLE_DTYPES = sample_dtypes()

CONFIG = {
    "tokenizer": "qwen3", "epochs": 1,
    "tasks": {"tool_use/a": "1" * 64, "tool_use/b": "2" * 64},
    "long_context": {"settings": {"length": [4096]}, "hash": "f" * 64},
    "endpoints": [{"name": None, "model": "m", "base_url": "http://a:8000/v1", "api_key_env": None,
                   "generation": {"temperature": 0.0, "top_p": "endpoint default", "max_tokens": 4096}}],
}


def samples(success: list[bool], *, model: str = "m", suite: str = "tool_use", epochs: int = 1,
            cost: float = 0.01, ttft: float = 0.2) -> pd.DataFrame:
    """One row per task x epoch; `success` lists task 0's epochs first."""
    rows = []
    for index, ok in enumerate(success):
        task = f"t{index // epochs:03d}"
        rows.append({column: None for column in SAMPLE_DTYPES} | {
            "run_id": "r", "model": model, "suite": suite, "task_id": task, "sample_id": task,
            "epoch": index % epochs + 1, "success": ok, "reward": float(ok), "input_tokens": 1000,
            "output_tokens": 100, "reasoning_tokens": 0, "cached_tokens": 0, "model_calls": 3, "tool_calls": 2,
            "wall_s": 2.0, "working_s": 2.0, "cost_usd": cost, "ttft_s": ttft, "tpot_s": 0.01, "retries": 0,
            "tool_call_anomalies": 0, "repaired_tool_calls": 0, "log_file": "logs/x.eval"})
    return pd.DataFrame(rows, columns=list(SAMPLE_DTYPES)).astype(SAMPLE_DTYPES)


def write_run(folder: Path, frame: pd.DataFrame, config: dict | None = None) -> Path:
    folder.mkdir(parents=True)
    frame.to_parquet(folder / "samples.parquet", index=False)
    if config is not None:
        (folder / "run.json").write_text(json.dumps(config), encoding="utf-8")
    return folder


def gate(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["gate", *args])
    return result.exit_code, result.stdout, result.stderr


BASE_OK = [True] * 30 + [False] * 10


@pytest.fixture
def base_dir(tmp_path: Path) -> Path:
    return write_run(tmp_path / "base", samples(BASE_OK), CONFIG)


def test_pairing_counts_and_flips() -> None:
    base = samples([True, True, False, True])
    new = samples([True, False, True])
    pairs, base_only, new_only = pair(base, new)
    assert len(pairs) == 3 and base_only == 1 and new_only == 0
    comparison = compare(base, new)
    assert comparison.flips[["task_id", "flip"]].values.tolist() == [["t001", "pass->fail"], ["t002", "fail->pass"]]
    with pytest.raises(ValueError, match="appears twice"):
        pair(pd.concat([base, base]), new)


def test_epochs_pair_on_epoch_and_cluster_by_sample() -> None:
    base = samples([True, True, False] * 12, epochs=3)
    new = samples([True, False, False] * 12, epochs=3)
    row = compare(base, new).success.iloc[0]
    assert row["pairs"] == 36 and row["clusters"] == 12 and row["test"] == "permutation"
    assert row["diff"] == pytest.approx(-1 / 3)


def test_no_change_passes_and_is_underpowered_on_few_samples(tmp_path: Path, base_dir: Path) -> None:
    new = write_run(tmp_path / "new", samples(BASE_OK), CONFIG)
    code, out, _ = gate(str(new), "--baseline", str(base_dir), "--junit", str(tmp_path / "j.xml"))
    assert code == 0, out
    assert "PASS" in out and "underpowered" in out  # 40 samples cannot see a 5-point drop
    xml = JUnitXml.fromfile(str(tmp_path / "j.xml"))
    cases = {case.name: case for suite in xml for case in suite}
    assert isinstance(cases["m / tool_use / success"].result[0], Skipped)
    assert cases["m / tool_use / ttft_p95"].is_passed


def test_planted_drop_fails_with_numbers_in_junit(tmp_path: Path, base_dir: Path) -> None:
    degraded = [False] * 20 + [True] * 10 + [False] * 10  # 20 of the 30 passing tasks now fail
    new = write_run(tmp_path / "new", samples(degraded), CONFIG)
    code, out, err = gate(str(new), "--baseline", str(base_dir), "--junit", str(tmp_path / "j.xml"),
                          "--markdown", str(tmp_path / "pr.md"))
    assert code == 1
    assert "REGRESSION m / tool_use / success" in err
    xml = JUnitXml.fromfile(str(tmp_path / "j.xml"))
    assert xml.failures == 2  # fewer successes at the same spend: cost per completed task tripled too
    failed = [case for suite in xml for case in suite if not case.is_passed and not case.is_skipped]
    assert [case.name for case in failed] == ["m / tool_use / success", "m / tool_use / cost_per_completed_task"]
    assert "x3.000" in failed[1].result[0].message
    message = failed[0].result[0].message
    assert isinstance(failed[0].result[0], Failure)
    assert "75.0% -> 25.0%" in message and "-50.0 pts" in message and "mcnemar-exact" in message
    markdown = (tmp_path / "pr.md").read_text()
    assert "FAIL" in markdown and "pass->fail `m` tool_use/t000" in markdown


def test_noise_above_max_drop_is_not_a_regression(tmp_path: Path, base_dir: Path) -> None:
    """The lazy gate compares point estimates: 3 tasks lost of 40 (-7.5 pts > 5) is noise, not a regression."""
    noisy = [False, False, False] + [True] * 27 + [False] * 10
    new = write_run(tmp_path / "new", samples(noisy), CONFIG)
    code, out, _ = gate(str(new), "--baseline", str(base_dir))
    assert code == 0, out
    assert "-7.5 pts" in out


def test_thresholds_flags_and_file(tmp_path: Path, base_dir: Path) -> None:
    pricey = write_run(tmp_path / "new", samples(BASE_OK, cost=0.015), CONFIG)
    assert gate(str(pricey), "--baseline", str(base_dir))[0] == 1  # +50% cost per completed task
    assert gate(str(pricey), "--baseline", str(base_dir), "--max-cost-increase", "60%")[0] == 0
    file = tmp_path / "gate.yaml"
    file.write_text("max_cost_increase: off\nalpha: 0.01\n")
    assert gate(str(pricey), "--baseline", str(base_dir), "--thresholds", str(file))[0] == 0
    file.write_text("max_dorp: 3\n")
    code, _, err = gate(str(pricey), "--baseline", str(base_dir), "--thresholds", str(file))
    assert code == 2 and "unknown threshold 'max_dorp'" in err
    slow = write_run(tmp_path / "slow", samples(BASE_OK, ttft=0.4), CONFIG)
    assert gate(str(slow), "--baseline", str(base_dir))[0] == 1
    assert gate(str(slow), "--baseline", str(base_dir), "--max-p95-ttft-increase", "off")[0] == 0


@pytest.mark.parametrize(("change", "kind", "words"), [
    (lambda c: c["tasks"].update({"tool_use/a": "9" * 64}), "tasks", "task content differs for tool_use/a"),
    (lambda c: c.update(tokenizer="deepseek-v3"), "tokenizer", "tokenizer differs (qwen3 vs deepseek-v3)"),
    (lambda c: c.update(long_context={"settings": {}, "hash": "e" * 64}), "grid", "long-context grid differs"),
    (lambda c: c["endpoints"][0]["generation"].update(temperature=0.7), "generation",
     "generation settings of m differ (temperature 0.0 vs 0.7)"),
])
def test_not_comparable_refuses_in_one_line_unless_allowed(tmp_path: Path, base_dir: Path, change, kind: str,
                                                           words: str) -> None:
    config = json.loads(json.dumps(CONFIG))
    change(config)
    new = write_run(tmp_path / "new", samples(BASE_OK), config)
    code, out, err = gate(str(new), "--baseline", str(base_dir))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and words in err and f"--allow {kind}" in err
    code, out, _ = gate(str(new), "--baseline", str(base_dir), "--allow", kind)
    assert code == 0 and f"allowed difference: {words}" in out


def test_other_base_url_and_missing_fields_are_comparable(tmp_path: Path, base_dir: Path) -> None:
    config = json.loads(json.dumps(CONFIG))
    config["endpoints"][0]["base_url"] = "http://sglang-box:30000/v1"
    del config["tokenizer"], config["long_context"]
    new = write_run(tmp_path / "new", samples(BASE_OK), config)
    code, out, _ = gate(str(new), "--baseline", str(base_dir))
    assert code == 0
    assert "tokenizer unknown for NEW" in out and "long-context grid unknown for NEW" in out
    bare = write_run(tmp_path / "bare", samples(BASE_OK), None)  # no run.json at all
    assert gate(str(bare), "--baseline", str(base_dir))[0] == 0


def test_generated_grid_hashes_are_compared() -> None:
    base = {"generated": {"agentbench/long_context": {"settings": {}, "hash": "a" * 64}}}
    new = {"generated": {"agentbench/long_context": {"settings": {}, "hash": "b" * 64}}}
    assert [kind for kind, _ in comparability.check(base, new).refusals] == ["grid"]
    assert comparability.check(base, base).refusals == []


def test_usage_errors_exit_2(tmp_path: Path, base_dir: Path) -> None:
    other = write_run(tmp_path / "other", samples(BASE_OK, model="someone-else"), CONFIG)
    code, _, err = gate(str(other), "--baseline", str(base_dir))
    assert code == 2 and "no model in common" in err
    assert gate(str(base_dir), "--baseline", "no-such-baseline", "--results-dir", str(tmp_path))[0] == 2
    assert gate(str(base_dir), "--baseline", str(base_dir), "--allow", "everything")[0] == 2
    assert gate(str(base_dir), "--baseline", str(base_dir), "--max-cost-increase", "lots")[0] == 2
    assert gate(str(base_dir))[0] == 2  # --baseline missing
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "samples.parquet").write_text("not parquet")
    code, _, err = gate(str(broken), "--baseline", str(base_dir))
    assert code == 2 and "cannot read" in err


def test_compare_verb_and_exit_codes(tmp_path: Path, base_dir: Path) -> None:
    same = write_run(tmp_path / "same", samples(BASE_OK), CONFIG)
    result = CliRunner().invoke(cli, ["compare", str(base_dir), str(same)])
    assert result.exit_code == 0 and "agentbench compare" in result.stdout
    worse = write_run(tmp_path / "worse", samples([False] * 40), CONFIG)
    assert CliRunner().invoke(cli, ["compare", str(base_dir), str(worse)]).exit_code == 1


def test_overall_row_and_correction_across_rows(tmp_path: Path) -> None:
    base = pd.concat([samples(BASE_OK), samples(BASE_OK, suite="long_context")])
    new = pd.concat([samples(BASE_OK), samples([False] * 20 + [True] * 10 + [False] * 10, suite="long_context")])
    comparison = compare(base, new)
    rows = comparison.success.set_index("suite")
    assert set(rows.index) == {"tool_use", "long_context", "(all)"}
    assert rows.loc["long_context", "p_adjusted"] > rows.loc["long_context", "p_value"]
    assert np.isclose(rows.loc["tool_use", "diff"], 0.0)


def test_baseline_save_is_compact_and_named(tmp_path: Path, base_dir: Path) -> None:
    (base_dir / "logs").mkdir()
    (base_dir / "logs" / "x.eval").write_text("log")
    results = tmp_path / "results"
    runner = CliRunner()
    saved = runner.invoke(cli, ["baseline", "save", str(base_dir), "--name", "ci", "--results-dir", str(results)])
    assert saved.exit_code == 0, saved.output
    folder = results / "baselines" / "ci"
    assert sorted(p.name for p in folder.iterdir()) == ["run.json", "samples.parquet"]
    assert json.loads((folder / "run.json").read_text())["tokenizer"] == "qwen3"
    again = runner.invoke(cli, ["baseline", "save", str(base_dir), "--name", "ci", "--results-dir", str(results)])
    assert again.exit_code == 2 and "--force" in again.stderr
    bad = runner.invoke(cli, ["baseline", "save", str(base_dir), "--name", "../up", "--results-dir", str(results)])
    assert bad.exit_code == 2
    assert gate(str(base_dir), "--baseline", "ci", "--results-dir", str(results))[0] == 0


def test_example_workflow_commands_parse() -> None:
    """The CI example must not rot: every agentbench command in it parses with today's options."""
    import shlex

    import yaml

    workflow = Path(__file__).resolve().parents[1] / "examples" / "github-actions" / "agentbench-gate.yml"
    steps = yaml.safe_load(workflow.read_text())["jobs"]["gate"]["steps"]
    commands = [step["run"] for step in steps if step.get("run", "").startswith("agentbench ")]
    assert [shlex.split(command)[1] for command in commands] == ["run", "gate"]
    for command in commands:
        words = shlex.split(command)
        cli.get_command(None, words[1]).make_context(words[1], words[2:])  # raises on an unknown option


def test_pytest_plugin_failures_read_like_the_gate(tmp_path: Path, base_dir: Path, pytester: pytest.Pytester) -> None:
    """`agentbench.load` on finished runs: a regression and a refused comparison fail with one clear message."""
    import importlib.metadata

    worse = write_run(tmp_path / "worse", samples([False] * 40), CONFIG)
    other = json.loads(json.dumps(CONFIG)) | {"tokenizer": "deepseek-v3"}
    refused = write_run(tmp_path / "refused", samples(BASE_OK), other)
    pytester.makepyfile(test_user=f"""
        def test_same(agentbench):
            assert agentbench.load({str(base_dir)!r}).assert_no_regression({str(base_dir)!r}).passed

        def test_worse(agentbench):
            agentbench.load({str(worse)!r}).assert_no_regression({str(base_dir)!r})

        def test_refused(agentbench):
            agentbench.load({str(refused)!r}).assert_no_regression({str(base_dir)!r})
    """)
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    installed = any(e.value == "agentbench.pytest_plugin" for e in importlib.metadata.entry_points(group="pytest11"))
    result = pytester.runpytest(*([] if installed else ["-p", "agentbench.pytest_plugin"]))
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(["*agentbench gate against*: 1 regression(s)*",
                                 "*REGRESSION m / tool_use / success: regressed: success 75.0% -> 0.0%*"])
    result.stdout.fnmatch_lines(["*agentbench gate: not comparable: tokenizer differs (qwen3 vs deepseek-v3)*"])
    assert "During handling" not in result.stdout.str()
