"""The HTML report and exports built from a run folder of real Inspect logs."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml
from click.testing import CliRunner
from report_fixtures import (
    HOSTILE_IMG,
    HOSTILE_MODEL,
    HOSTILE_SCRIPT,
    STANDARD_PRICED_MODEL,
    FixtureSample,
    Turn,
    standard_run,
    write_run,
)

from agentbench.cli.report import report
from agentbench.report import ReportError, build_report, export_leaderboard, load_leaderboard
from agentbench.report.transcripts import KEEP_CHARS, abbreviate


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return standard_run(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="module")
def html(run_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = build_report([run_dir], tmp_path_factory.mktemp("report") / "leaderboard.html")
    return out.read_text(encoding="utf-8")


def test_report_is_self_contained(html: str) -> None:
    assert html.startswith("<!DOCTYPE html>")
    assert "<link" not in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    images = re.findall(r'<img src="([^"]*)"', html)
    assert images and all(src.startswith("data:image/svg+xml;base64,") for src in images)
    assert "Content-Security-Policy" in html and "script-src &#x27;sha256-" in html
    assert html.count("<script>") == 1  # ours alone


def test_report_sections_and_numbers(html: str) -> None:
    for anchor in ("leaderboard", "cost", "long-context", "latency", "tokens", "failures", "categories", "tasks",
                   "samples", "config"):
        assert f'<section id="{anchor}">' in html
    assert "deepseek-chat" in html and "ref/oracle" in html
    assert "no price" in html  # the hostile model has no cost
    assert "75.0%" in html  # deepseek-chat tool_use: 3 of 4 attempts
    assert "verifier_failed" in html and "turn_limit" in html
    assert ">4k<" in html  # effective length of deepseek-chat on the long-context grid


def test_hostile_model_output_is_escaped(html: str) -> None:
    for payload in (HOSTILE_SCRIPT, HOSTILE_IMG, HOSTILE_MODEL):
        assert payload not in html
    assert "&lt;script&gt;window.__pwned = 1; console.log(&quot;PWNED-script&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=&quot;x&quot; onerror=" in html
    assert "evil&lt;b&gt;model&lt;/b&gt;" in html
    assert "<i>big</i>" not in html and "&lt;i&gt;big&lt;/i&gt;" in html


def test_huge_messages_are_abbreviated(html: str) -> None:
    assert "characters omitted" in html
    assert len(html) < 600_000  # two 1 MB answers, shown as their first and last 2,000 characters


def test_transcript_shows_tool_calls_and_failure_reason(html: str) -> None:
    assert "call lookup" in html and "grep -c ERROR app.log" in html
    assert "lookup result: grep -c ERROR app.log" in html
    assert "verifier said &lt;script&gt;" in html  # the error column, escaped


def test_long_transcripts_keep_both_ends(html: str) -> None:
    assert "messages omitted to keep the report small" in html
    assert "step 0 xxx" in html and "finished after 20 steps" in html and "step 10 xxx" not in html


def test_run_configuration_without_secrets(html: str) -> None:
    assert "sk-should-not-appear" not in html
    assert "[redacted]" in html and "https://api.example/v1" in html and "qwen3" in html


def test_abbreviate_keeps_both_ends() -> None:
    text = "a" * 5000 + "MIDDLE" + "z" * 5000
    short = abbreviate(text)
    assert short.startswith("a" * KEEP_CHARS) and short.endswith("z" * KEEP_CHARS)
    assert "MIDDLE" not in short and "6,006 characters omitted" in short
    assert abbreviate("short") == "short"


def test_missing_log_is_reported_not_fatal(run_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "run"
    shutil.copytree(run_dir, copy)
    for log in (copy / "logs").glob("*.eval"):
        log.unlink()
    html = build_report([copy], tmp_path / "out.html").read_text(encoding="utf-8")
    assert "Transcript unavailable: log file not found" in html


def test_sample_missing_from_its_log_is_reported_others_still_shown(run_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "run"
    shutil.copytree(run_dir, copy)
    samples = pd.read_parquet(copy / "samples.parquet")
    ghost = samples[samples["task_id"] == "count-errors"].iloc[[0]].assign(sample_id="ghost", task_id="ghost")
    pd.concat([samples, ghost], ignore_index=True).to_parquet(copy / "samples.parquet")
    html = build_report([copy], tmp_path / "out.html").read_text(encoding="utf-8")
    assert "Transcript unavailable: sample ghost epoch 1 is not in" in html
    assert html.count("Transcript unavailable") == 1 and "lookup result: grep -c ERROR app.log" in html


def test_several_runs_merge_into_one_leaderboard(run_dir: Path, tmp_path: Path) -> None:
    other = write_run(tmp_path / "other", [
        FixtureSample("moonshotai/Kimi-K2-Instruct", "tool_use", "count-errors", turns=(Turn("41"),),
                      row={"success": False, "failure": "verifier_failed"}),
        FixtureSample(STANDARD_PRICED_MODEL, "tool_use", "count-errors", turns=(Turn("42"),)),
    ], run_id="other-run")
    board = load_leaderboard([run_dir, other])
    assert "moonshotai/Kimi-K2-Instruct" in set(board["model"])
    pooled = board[(board["model"] == STANDARD_PRICED_MODEL) & (board["suite"] == "tool_use")].iloc[0]
    assert pooled["samples"] == 5 and pooled["successes"] == 4
    html = build_report([run_dir, other], tmp_path / "merged.html").read_text(encoding="utf-8")
    assert "2 runs" in html and "run other-run" in html


def test_exports(run_dir: Path, tmp_path: Path) -> None:
    board = load_leaderboard([run_dir])
    paths = export_leaderboard(board, tmp_path / "exports")
    assert [path.name for path in paths] == ["leaderboard.csv", "leaderboard.json", "leaderboard.md"]
    csv = pd.read_csv(paths[0])
    assert list(csv.columns) == list(board.columns) and len(csv) == len(board)
    data = json.loads(paths[1].read_text(encoding="utf-8"))
    assert data["columns"]["cost_per_success"].startswith("Total dollars")
    assert data["columns"]["pass^2"].startswith("Chance that all of 2")
    unpriced = next(row for row in data["rows"] if row["model"] == HOSTILE_MODEL)
    assert unpriced["cost_per_success"] is None and unpriced["priced"] is False
    markdown = paths[2].read_text(encoding="utf-8").splitlines()
    assert markdown[0].startswith("| Rank | Model | Suite |") and len(markdown) == 2 + len(board)
    assert any("no price" in line for line in markdown)
    assert all(line.count(" | ") == markdown[0].count(" | ") for line in markdown[2:])  # '|' in names escaped


def test_cli_writes_report_and_exports(run_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "board.html"
    result = CliRunner().invoke(report, [str(run_dir), "-o", str(out), "--exports-dir", str(tmp_path / "x"),
                                         "--md", str(tmp_path / "one.md")])
    assert result.exit_code == 0, result.output
    assert out.is_file() and (tmp_path / "x" / "leaderboard.json").is_file() and (tmp_path / "one.md").is_file()
    assert f"wrote {out}" in result.output


def test_cli_recomputes_costs_with_a_price_file(run_dir: Path, tmp_path: Path) -> None:
    prices = tmp_path / "prices.yaml"
    prices.write_text(yaml.safe_dump({"models": {"evil": {
        "match": ["evil*"], "input": 1000.0, "output": 1000.0, "source": "test", "read_on": "2026-11-22"}}}))
    result = CliRunner().invoke(report, [str(run_dir), "-o", str(tmp_path / "r.html"), "--prices", str(prices),
                                         "--json", str(tmp_path / "b.json")])
    assert result.exit_code == 0, result.output
    rows = json.loads((tmp_path / "b.json").read_text())["rows"]
    evil = next(row for row in rows if row["model"] == HOSTILE_MODEL)
    assert evil["priced"] is True and evil["cost_per_task"] == pytest.approx(1000 * (100 + 20) / 1e6)


def test_cli_bad_input_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "not-a-run").mkdir()
    result = CliRunner().invoke(report, [str(tmp_path / "not-a-run")])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "samples.parquet: not found" in result.output
    bad_prices = tmp_path / "p.yaml"
    bad_prices.write_text("models: {x: 1}\n")
    run = tmp_path / "run"
    run.mkdir()
    pd.DataFrame({"model": ["m"]}).to_parquet(run / "samples.parquet")
    result = CliRunner().invoke(report, [str(run)])
    assert result.exit_code == 1 and "missing column(s)" in result.output
    assert result.output.strip().count("\n") == 0


def test_cli_unwritable_output_is_one_line(run_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = CliRunner().invoke(report, [str(run_dir), "-o", str(blocker / "board.html")])
    assert result.exit_code == 1 and result.output.startswith("Error: cannot write")
    assert result.output.strip().count("\n") == 0


def test_build_report_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="no run folder"):
        build_report([], tmp_path / "x.html")
    run = tmp_path / "run"
    run.mkdir()
    (run / "samples.parquet").write_text("not parquet")
    with pytest.raises(ReportError, match="samples.parquet: cannot read"):
        build_report([run], tmp_path / "x.html")
    assert not (tmp_path / "x.html").exists()


def test_cost_figure_survives_an_interval_bound_a_rounding_error_inside_the_rate() -> None:
    from agentbench.report.figures import cost_success

    board = pd.DataFrame({"suite": ["tool_use"], "model": ["m"], "cost_per_success": [0.01], "success_rate": [1.0],
                          "ci_low": [0.8], "ci_high": [0.9999999999999998]})
    (figure,) = cost_success(board)
    assert figure.uri is not None and figure.left_out == ()
