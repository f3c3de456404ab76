"""In context vs agentic: only shared samples compared, the switch length found, the sentence and the
section written (from synthetic tables, and from a real Docker run of both suites)."""

from __future__ import annotations

from pathlib import Path

import pytest

from agentbench.suites.agentic_long_context.compare import advice, by_length
from agentbench.suites.agentic_long_context.report import section, sentence
from report_fixtures import samples_frame

K = 1024


def _rows(model: str, suite: str, successes: dict[int, int], per_length: int = 10, tokens: int = 100) -> list[dict]:
    return [{"model": model, "suite": suite, "task_id": "niah_single_number", "sample_id": f"s-{length}-{i}",
             "length": length, "context_tokens": length - 200, "depth": 50.0, "success": i < successes[length],
             "input_tokens": tokens if suite == "agentic_long_context" else length, "cost_usd": 0.0}
            for length in successes for i in range(per_length)]


def test_the_switch_is_where_searching_starts_to_win_and_keeps_winning() -> None:
    frame = samples_frame([
        *_rows("m", "long_context", {4 * K: 20, 16 * K: 20, 64 * K: 6, 256 * K: 0}, per_length=20),
        *_rows("m", "agentic_long_context", {4 * K: 16, 16 * K: 18, 64 * K: 18, 256 * K: 20}, per_length=20),
        *_rows("stuffer", "long_context", {4 * K: 10, 16 * K: 10}),
        *_rows("stuffer", "agentic_long_context", {4 * K: 2, 16 * K: 9}),
    ])
    rows = by_length(frame)
    (m, stuffer) = advice(rows)
    assert (m.model, m.switch_at, m.firm) == ("m", 64 * K, True)
    assert (stuffer.switch_at, stuffer.lengths) == (None, (4 * K, 16 * K))
    said = sentence(m, rows[rows["model"] == "m"])
    assert "stop stuffing the context and start searching at" in said and "90.0%" in said and "30.0%" in said
    assert "keep stuffing the context" in sentence(stuffer, rows[rows["model"] == "stuffer"])
    html = section(frame)
    assert html is not None and 'id="in-context-vs-agentic"' in html and "data:image/svg+xml" in html


def test_a_tie_in_success_goes_to_the_cheaper_mode_and_unshared_samples_are_left_out() -> None:
    stuffed = _rows("m", "long_context", {4 * K: 10, 16 * K: 10})
    searched = _rows("m", "agentic_long_context", {4 * K: 10, 16 * K: 10}, tokens=50)
    only_agentic = [{**searched[0], "sample_id": "not-in-context", "success": False}]
    rows = by_length(samples_frame([*stuffed, *searched, *only_agentic]))
    assert rows["samples"].tolist() == [10, 10, 10, 10]
    (verdict,) = advice(rows)
    assert verdict.switch_at == 4 * K and not verdict.firm, "as many successes for fewer tokens: search"


def test_no_section_without_both_suites() -> None:
    assert section(samples_frame(_rows("m", "long_context", {4 * K: 3}))) is None


@pytest.mark.docker
@pytest.mark.slow
def test_a_run_of_both_suites_reports_the_comparison(tmp_path: Path, base_image: str) -> None:
    """ref/oracle-8k cannot take a 16k prompt, but can search 16k of files; at 2k both succeed and the search
    spends fewer tokens (a short question, one search, one answer), so the report says to search from 2k."""
    from agentbench.run.endpoints import Endpoint
    from agentbench.run.runner import RunOptions, run
    from agentbench.run.selection import Selection

    selection = Selection(("long_context", "agentic_long_context"), lengths="2k,16k", depths="50",
                          variants="niah_single_number")
    outcome = run([Endpoint("ref/oracle-8k")], selection, RunOptions(results_dir=tmp_path, display="none"),
                  progress=lambda _: None)
    frame = outcome.samples
    assert len(frame) == 4 and frame.groupby("suite")["success"].sum().to_dict() == {
        "agentic_long_context": 2, "long_context": 1}
    html = outcome.files.report.read_text()
    part = html[html.index('id="in-context-vs-agentic"'):]
    assert "ref/oracle-8k (ref): search from the shortest tested length on (at 2,048: 100.0%" in part[:3000]
    assert "0.0% [0.0, 79.3] (0/1)" in part[:5000], "the in-context 16k sample did not fit the 8k window"


def test_nothing_to_choose_when_neither_mode_succeeds() -> None:
    frame = samples_frame([*_rows("null", "long_context", {4 * K: 0}), *_rows("null", "agentic_long_context", {4 * K: 0})])
    rows = by_length(frame)
    (verdict,) = advice(rows)
    assert verdict.switch_at is None and "no success in either mode" in sentence(verdict, rows)
