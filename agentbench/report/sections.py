"""The report's sections, each a function from analysis tables to escaped HTML."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from agentbench.analysis.metrics import LEADERBOARD_COLUMNS
from agentbench.analysis.reference import REFERENCE_NOTE, any_reference, model_label
from agentbench.report import format as fmt
from agentbench.report.figures import CostFigure
from agentbench.report.page import Cell, Column, escape, image, link, pre, table, text
from agentbench.report.runs import Run
from agentbench.report.transcripts import Transcript

GroupKey = tuple[str, str]


def _section(anchor: str, title: str, body: str) -> str:
    return f'<section id="{escape(anchor)}"><h2>{escape(title)}</h2>{body}</section>'


def _note(text_value: str) -> str:
    return f'<p class="note">{escape(text_value)}</p>'


def _number(value: object, shown: str) -> Cell:
    return text(shown, fmt.sort_key(value), numeric=True)


def _cost_cell(value: object, priced: bool) -> Cell:
    return text(fmt.dollars(value, priced), fmt.sort_key(value) if priced else "", numeric=True)


def leaderboard(board: pd.DataFrame, task_anchors: Mapping[GroupKey, str]) -> str:
    columns = [
        Column("Rank", "Rank within the suite; a range where success intervals overlap (a tie). "
               + LEADERBOARD_COLUMNS["rank_best"], True),
        Column("Model"), Column("Suite"),
        Column("Tasks", LEADERBOARD_COLUMNS["tasks"], True),
        Column("Attempts", LEADERBOARD_COLUMNS["samples"], True),
        Column("Success (n) [95% CI]", "Success rate (successes/attempts); interval: "
               + LEADERBOARD_COLUMNS["ci_method"], True),
        Column("pass^k", LEADERBOARD_COLUMNS["pass_hat_k"], True),
        Column("Tokens/task", LEADERBOARD_COLUMNS["tokens_mean"], True),
        Column("Wall p50", LEADERBOARD_COLUMNS["wall_p50"], True),
        Column("Wall p95", LEADERBOARD_COLUMNS["wall_p95"], True),
        Column("$/task", LEADERBOARD_COLUMNS["cost_per_task"], True),
        Column("$/completed task", LEADERBOARD_COLUMNS["cost_per_success"], True),
    ]
    rows = []
    for row in board.to_dict(orient="records"):
        anchor = task_anchors[(row["model"], row["suite"])]
        success_html = (f'{escape(fmt.percent(row["success_rate"]))} '
                        f'<span class="n">{escape(fmt.of(row["successes"], row["samples"]))}</span> '
                        f'<span class="ci">{escape(fmt.interval(row["ci_low"], row["ci_high"]))}</span>'
                        + (f' <span class="n" title="{escape(LEADERBOARD_COLUMNS["infra_failures"])}">'
                           f'+{int(row["infra_failures"])} infra failure(s), not scored</span>'
                           if row.get("infra_failures") else ""))
        rows.append([
            Cell(escape(fmt.rank(row["rank_best"], row["rank_worst"])), f'{row["rank_best"]:06d}', True),
            Cell(link(f"#{anchor}", escape(model_label(row["model"]))), str(row["model"])),
            text(row["suite"]),
            _number(row["tasks"], fmt.count(row["tasks"])),
            _number(row["samples"], fmt.count(row["samples"])),
            Cell(success_html, fmt.sort_key(row["success_rate"]), True, f"{row['ci_method']} interval"),
            Cell(f'{escape(fmt.percent(row["pass_hat_k"]))} <span class="ci">k={row["pass_k"]}, '
                 f'{escape(fmt.count(row["tasks"]))} tasks</span>',
                 fmt.sort_key(row["pass_hat_k"]), True),
            _number(row["tokens_mean"], fmt.count(row["tokens_mean"])),
            _number(row["wall_p50"], fmt.seconds(row["wall_p50"])),
            _number(row["wall_p95"], fmt.seconds(row["wall_p95"])),
            _cost_cell(row["cost_per_task"], row["priced"]),
            _cost_cell(row["cost_per_success"], row["priced"]),
        ])
    notes = _note("Click a column header to sort. Rank is a range (a tie) where success intervals overlap: a "
                  "model ranks below only those whose interval lies wholly above its own. Success intervals "
                  "are Wilson intervals with one attempt per task, and percentile bootstraps resampling whole "
                  "tasks with more (epochs > 1). "
                  "$/completed task is total cost / successes: n/a with no success; 'no price' means the "
                  "price file has no entry for the model.")
    if any_reference(board["model"]):
        notes += _note(REFERENCE_NOTE)
    return _section("leaderboard", "Leaderboard", table(columns, rows, table_id="leaderboard-table") + notes)


def cost(figures: Sequence[CostFigure]) -> str:
    parts = []
    for figure in figures:
        parts.append(f"<h3>{escape(figure.suite)}</h3>")
        if figure.uri:
            parts.append(image(figure.uri, f"{figure.suite}: success rate against cost per completed task"))
        if figure.left_out:
            parts.append(_note("Not placed (no success, or no price): " + ", ".join(figure.left_out)))
    intro = _note("Each point is a model; bars are the success interval. Red points form the Pareto frontier: "
                  "no other model succeeds as often for less per completed task.")
    return _section("cost", "Success vs cost per completed task", intro + "".join(parts))


def long_context(effective: pd.DataFrame, heatmaps: Sequence[tuple[str, str]]) -> str:
    if effective.empty:
        return ""
    columns = [Column("Model"), Column("Suite"),
               Column("Effective length", "Longest length up to which every tested length scores above the "
                      "threshold (RULER).", True),
               Column("Relative effective length", "Longest length up to which every tested length keeps 85% of "
                      "the model's own score at the base length.", True),
               Column("Base", "The short length the relative rule starts from, and the score there.", True),
               Column("Longest tested", numeric=True), Column("Threshold", numeric=True)]
    rows = [[text(model_label(row["model"])), text(row["suite"]),
             _number(row["effective_length"], fmt.length(row["effective_length"])
                     if not fmt.missing(row["effective_length"]) else "below threshold at every length"),
             _number(row["relative_effective_length"], fmt.length(row["relative_effective_length"])
                     if not fmt.missing(row["relative_effective_length"]) else "no success at the base length"),
             _number(row["base_success"], f"{fmt.length(row['base_length'])}: {fmt.percent(row['base_success'])}"),
             _number(row["longest_tested"], fmt.length(row["longest_tested"])),
             _number(row["threshold"], fmt.percent(row["threshold"]))]
            for row in effective.to_dict(orient="records")]
    figures = "".join(image(uri, title) for title, uri in heatmaps)
    return _section("long-context", "Long context: effective length and length x depth",
                    table(columns, rows) + f'<div class="figures">{figures}</div>')


def latency(board: pd.DataFrame, figure_uri: str | None) -> str:
    streamed = board["ttft_p50"].notna().any()
    columns = [Column("Model"), Column("Suite"),
               Column("wall p50", LEADERBOARD_COLUMNS["wall_p50"], True),
               Column("wall p95", LEADERBOARD_COLUMNS["wall_p95"], True),
               Column("wall mean", LEADERBOARD_COLUMNS["wall_mean"], True),
               Column("wall SD", LEADERBOARD_COLUMNS["wall_sd"], True),
               Column("working p50", LEADERBOARD_COLUMNS["working_p50"], True),
               Column("working p95", LEADERBOARD_COLUMNS["working_p95"], True)]
    keys = ["wall_p50", "wall_p95", "wall_mean", "wall_sd", "working_p50", "working_p95"]
    if streamed:
        columns += [Column("TTFT p50", LEADERBOARD_COLUMNS["ttft_p50"], True),
                    Column("TTFT p95", LEADERBOARD_COLUMNS["ttft_p95"], True),
                    Column("TPOT p50", LEADERBOARD_COLUMNS["tpot_p50"], True),
                    Column("TPOT p95", LEADERBOARD_COLUMNS["tpot_p95"], True)]
        keys += ["ttft_p50", "ttft_p95", "tpot_p50", "tpot_p95"]
    columns.append(Column("Calls/task", LEADERBOARD_COLUMNS["model_calls_mean"], True))
    rows = [[text(model_label(row["model"])), text(row["suite"]),
             *(_number(row[key], fmt.seconds(row[key])) for key in keys),
             _number(row["model_calls_mean"], fmt.count(row["model_calls_mean"]))]
            for row in board.to_dict(orient="records")]
    note = "" if streamed else _note("Time to first token and per output token appear when the endpoint streamed.")
    if streamed and any_reference(board["model"]):
        note += _note("TTFT/TPOT of simulated reference models ((ref), ref/sim-*) are planted by their model cards "
                      "and reported by the server (simulated, exact at any --time-scale); wall times of theirs are real.")
    figure = image(figure_uri, "latency distributions per model") if figure_uri else ""
    return _section("latency", "Latency", table(columns, rows) + note + figure)


def tokens(board: pd.DataFrame) -> str:
    kinds = ("input", "cached", "output", "reasoning")
    columns = [Column("Model"), Column("Suite")]
    for kind in kinds:
        columns += [Column(f"{kind} mean", LEADERBOARD_COLUMNS[f"{kind}_tokens_mean"], True),
                    Column(f"{kind} total", LEADERBOARD_COLUMNS[f"{kind}_tokens_total"], True)]
    columns += [Column("Tool calls/task", LEADERBOARD_COLUMNS["tool_calls_mean"], True),
                Column("$ total", LEADERBOARD_COLUMNS["cost_total"], True)]
    rows = []
    for row in board.to_dict(orient="records"):
        cells = [text(model_label(row["model"])), text(row["suite"])]
        for kind in kinds:
            for stat in ("mean", "total"):
                value = row[f"{kind}_tokens_{stat}"]
                cells.append(_number(value, fmt.count(value)))
        cells.append(_number(row["tool_calls_mean"], fmt.count(row["tool_calls_mean"])))
        cells.append(_cost_cell(row["cost_total"], row["priced"]))
        rows.append(cells)
    return _section("tokens", "Tokens and cost", table(columns, rows) + _note(
        "Cached (cache-read) tokens are part of input; reasoning tokens are part of output."))


def failures(failure_counts: pd.DataFrame, board: pd.DataFrame) -> str:
    if failure_counts.empty:
        return _section("failures", "Failures", _note("No failed attempt."))
    categories = sorted(failure_counts["failure"].astype(str).unique())
    counts = {(row["model"], row["suite"], row["failure"]): row for row in failure_counts.to_dict(orient="records")}
    columns = [Column("Model"), Column("Suite"), Column("Attempts", numeric=True), Column("Failed", numeric=True),
               *(Column(category, numeric=True) for category in categories)]
    rows = []
    for row in board.to_dict(orient="records"):
        cells = [text(model_label(row["model"])), text(row["suite"]), _number(row["samples"], fmt.count(row["samples"])),
                 _number(row["samples"] - row["successes"], fmt.count(row["samples"] - row["successes"]))]
        for category in categories:
            found = counts.get((row["model"], row["suite"], category))
            cells.append(text(f"{found['count']} ({fmt.percent(found['share'])})", str(found["count"]), True)
                         if found else text("", "0", True))
        rows.append(cells)
    return _section("failures", "Failures by category", table(columns, rows))


def categories(by_category: pd.DataFrame) -> str:
    columns = [Column("Model"), Column("Suite"), Column("Category"), Column("Attempts", numeric=True),
               Column("Successes", numeric=True), Column("Success", numeric=True)]
    rows = [[text(model_label(row["model"])), text(row["suite"]), text(row["category"]),
             _number(row["attempts"], fmt.count(row["attempts"])),
             _number(row["successes"], fmt.count(row["successes"])),
             _number(row["success_rate"], fmt.percent(row["success_rate"]))]
            for row in by_category.to_dict(orient="records")]
    return _section("categories", "Per suite: success by task category", table(columns, rows))


def tasks(per_task: pd.DataFrame, task_anchors: Mapping[GroupKey, str],
          attempts: Mapping[tuple[str, str, str], list[tuple[int, bool, str]]]) -> str:
    columns = [Column("Task"), Column("Category"), Column("Difficulty"), Column("Attempts", numeric=True),
               Column("Success", numeric=True), Column("Tokens/task", numeric=True),
               Column("wall p50", numeric=True), Column("$/task", numeric=True), Column("Failures"),
               Column("Drill-down")]
    parts = []
    for (model, suite), group in per_task.groupby(["model", "suite"], sort=True):
        rows = []
        for row in group.to_dict(orient="records"):
            links = " ".join(
                link(f"#{anchor}", f'<span class="{"ok" if success else "bad"}">'
                                   f'{escape(epoch)}{"&#10003;" if success else "&#10007;"}</span>')
                for epoch, success, anchor in attempts[(model, suite, row["task_id"])]
            )
            rows.append([
                text(row["task_id"]), text(_or_blank(row["category"])), text(_or_blank(row["difficulty"])),
                _number(row["attempts"], fmt.count(row["attempts"])),
                _number(row["success_rate"], fmt.percent(row["success_rate"])),
                _number(row["tokens_mean"], fmt.count(row["tokens_mean"])),
                _number(row["wall_p50"], fmt.seconds(row["wall_p50"])),
                _cost_cell(row["cost_mean"], not fmt.missing(row["cost_mean"])),
                text(row["failures"]), Cell(links),
            ])
        anchor = task_anchors[(model, suite)]
        parts.append(f'<h3 id="{escape(anchor)}">{escape(model)} &middot; {escape(suite)}</h3>'
                     + table(columns, rows))
    return _section("tasks", "Per task", "".join(parts))


def _or_blank(value: object) -> object:
    return "" if fmt.missing(value) else value


def samples(rows: Iterable[tuple[str, Mapping[str, object], Transcript]], several_runs: bool) -> str:
    """The drill-down: one collapsible block per attempt with its failure reason and transcript."""
    parts = ['<p><label><input type="checkbox" id="only-failed"> failed attempts only</label></p>']
    current: GroupKey | None = None
    for anchor, row, transcript in rows:
        group = (str(row["model"]), str(row["suite"]))
        if group != current:
            current = group
            parts.append(f"<h3>{escape(group[0])} &middot; {escape(group[1])}</h3>")
        parts.append(_sample(anchor, row, transcript, several_runs))
    return _section("samples", "Samples", f'<div id="samples">{"".join(parts)}</div>')


def _sample(anchor: str, row: Mapping[str, object], transcript: Transcript, several_runs: bool) -> str:
    success = bool(row["success"])
    mark = '<span class="ok">&#10003;</span>' if success else '<span class="bad">&#10007;</span>'
    facts = [f"epoch {row['epoch']}"]
    if several_runs:
        facts.append(f"run {row['run_id']}")
    if not fmt.missing(row.get("failure")):
        facts.append(str(row["failure"]))
    if not fmt.missing(row.get("context_tokens")):
        depth = "" if fmt.missing(row.get("depth")) else f" @ {float(row['depth']):.0f}%"
        facts.append(f"{fmt.length(row['context_tokens'])} tokens{depth}")
    facts.append(fmt.seconds(row.get("wall_s")))
    facts.append(f"{fmt.count(row.get('output_tokens'))} output tokens")
    summary = f"{mark} {escape(row['task_id'])} <span class=\"muted\">{escape(' · '.join(facts))}</span>"
    reasons = []
    for label, value in (("failure", row.get("failure")), ("error", row.get("error")),
                         ("limit", transcript.limit), ("sample error", transcript.error),
                         ("scorer", transcript.explanation)):
        if not fmt.missing(value) and str(value):
            reasons.append(f"<div><strong>{escape(label)}:</strong> {pre(value)}</div>")
    reason_html = f'<div class="reason">{"".join(reasons)}</div>' if reasons and not success else "".join(reasons)
    if transcript.unavailable:
        body = _note(f"Transcript unavailable: {transcript.unavailable}")
    else:
        body = "".join(_message(entry.role, entry.text, entry.tool_calls, entry.label) for entry in transcript.entries)
    state = "passed" if success else "failed"
    return (f'<details class="sample {state}" id="{escape(anchor)}"><summary>{summary}</summary>'
            f"<div>{reason_html}{body}</div></details>")


def _message(role: str, body: str, tool_calls: Sequence[tuple[str, str]], label: str) -> str:
    heading = f'<div class="role">{escape(role)}{(" · " + escape(label)) if label else ""}</div>'
    calls = "".join(f"<div><strong>call {escape(name)}</strong>{pre(arguments)}</div>"
                    for name, arguments in tool_calls)
    content = pre(body) if body else ""
    return f'<div class="msg {escape(role)}">{heading}{content}{calls}</div>'


def configuration(runs: Sequence[Run]) -> str:
    parts = []
    for run in runs:
        parts.append(f"<h3>{escape(run.path.name)}</h3>")
        if run.config is None:
            parts.append(_note("This run folder has no run.json."))
        else:
            parts.append(pre(json.dumps(run.config, indent=2, sort_keys=True, default=str)))
    return _section("config", "Run configuration", "".join(parts))
