"""The report section "In context vs agentic": a table per length, a figure, and the sentence that
answers "at what length should my agent stop stuffing the context and start searching?"."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib import rc_context
from matplotlib.figure import Figure

from agentbench.analysis.reference import model_label
from agentbench.report import format as fmt
from agentbench.report.figures import data_uri
from agentbench.report.page import Column, escape, image, table, text
from agentbench.suites.agentic_long_context.compare import Advice, advice, by_length

ANCHOR = "in-context-vs-agentic"
TITLE = "In context vs agentic"


def sentence(verdict: Advice, table_rows: pd.DataFrame) -> str:
    """The answer for one model, in words."""
    name = model_label(verdict.model)
    shortest, longest = fmt.length(verdict.lengths[0]), fmt.length(verdict.lengths[-1])
    if not table_rows["successes"].any():
        return f"{name}: no success in either mode at any tested length ({shortest} to {longest}), so nothing to choose."
    if verdict.switch_at is None:
        return (f"{name}: keep stuffing the context. Searching the files never did better from any tested length "
                f"on (tested {shortest} to {longest}).")
    cell = table_rows.set_index(["length", "mode"])
    stuffed, searched = cell.loc[(verdict.switch_at, "in context")], cell.loc[(verdict.switch_at, "agentic")]
    at = fmt.length(verdict.switch_at)
    shown = (f"at {at}: {fmt.percent(searched['success_rate'])} {fmt.interval(searched['ci_low'], searched['ci_high'])} "
             f"searching vs {fmt.percent(stuffed['success_rate'])} {fmt.interval(stuffed['ci_low'], stuffed['ci_high'])} in context")
    if searched["success_rate"] == stuffed["success_rate"]:
        dollars = [searched["cost_per_success"], stuffed["cost_per_success"]]
        if not any(fmt.missing(d) for d in dollars) and dollars[0] != dollars[1]:
            cheaper = f"{fmt.dollars(dollars[0])} vs {fmt.dollars(dollars[1])}"
        else:
            cheaper = f"{fmt.count(searched['tokens_per_success'])} vs {fmt.count(stuffed['tokens_per_success'])} tokens"
        shown += f", as often for less ({cheaper} per completed task)"
    caution = "" if verdict.firm else "; the intervals overlap there, so run more seeds or epochs before relying on it"
    if verdict.switch_at == verdict.lengths[0]:
        return f"{name}: search from the shortest tested length on ({shown}){caution}."
    return f"{name}: stop stuffing the context and start searching at {at} (and beyond, up to {longest}; {shown}){caution}."


def figure(rows: pd.DataFrame) -> str:
    """Success (with intervals) against length, one colour per model, solid in context, dashed agentic."""
    with rc_context({"svg.fonttype": "path", "font.size": 9, "axes.grid": True, "grid.alpha": 0.3}):
        fig = Figure(figsize=(6.5, 3.8))
        axes = fig.subplots()
        for index, (model, group) in enumerate(rows.groupby("model", sort=True)):
            colour = f"C{index % 10}"
            for mode, style in (("in context", "-"), ("agentic", "--")):
                part = group[group["mode"] == mode].sort_values("length")
                rate = part["success_rate"].to_numpy(dtype=float)
                errors = np.clip(np.nan_to_num(np.vstack([rate - part["ci_low"].to_numpy(dtype=float),
                                                           part["ci_high"].to_numpy(dtype=float) - rate])), 0.0, None)
                axes.errorbar(part["length"], rate, yerr=errors, color=colour, linestyle=style, marker="o", capsize=3,
                              label=f"{model_label(str(model))} · {mode}")
        axes.set_xscale("log", base=2)
        lengths = sorted(rows["length"].unique())
        axes.set_xticks(lengths, [fmt.length(length) for length in lengths])
        axes.set_ylim(-0.05, 1.05)
        axes.set_xlabel("length (tokens of context)")
        axes.set_ylabel("success rate")
        axes.legend(fontsize=7, loc="best")
        return data_uri(fig)


def section(samples: pd.DataFrame) -> str | None:
    """The section's HTML, or None when no model ran both suites on the same samples."""
    rows = by_length(samples)
    if rows.empty:
        return None
    verdicts = advice(rows)
    columns = [Column("Model"), Column("Length", numeric=True), Column("Mode"),
               Column("Success", "Share of attempts that succeeded, with its 95% interval.", True),
               Column("Tokens", "Mean input + output tokens per attempt.", True),
               Column("Time", "Mean wall-clock time per attempt.", True),
               Column("Cost per completed task", "Total dollars / successes.", True)]
    body = [[text(model_label(r["model"])), text(fmt.length(r["length"]), str(r["length"]), numeric=True), text(r["mode"]),
             text(f"{fmt.percent(r['success_rate'])} {fmt.interval(r['ci_low'], r['ci_high'])} {fmt.of(r['successes'], r['samples'])}",
                  fmt.sort_key(r["success_rate"]), numeric=True),
             text(fmt.count(r["tokens_mean"]), fmt.sort_key(r["tokens_mean"]), numeric=True),
             text(fmt.seconds(r["wall_mean"]), fmt.sort_key(r["wall_mean"]), numeric=True),
             text(fmt.dollars(r["cost_per_success"], r["priced"]), fmt.sort_key(r["cost_per_success"]), numeric=True)]
            for r in rows.to_dict(orient="records")]
    answers = "".join(f"<li>{escape(sentence(v, rows[rows['model'] == v.model]))}</li>" for v in verdicts)
    intro = ("<p>The same needles (same seed and grid cell) in the prompt and as files searched with tools. "
             "At what length should an agent stop stuffing the context and start searching? From the shortest length "
             "at which searching succeeds more often (or as often for less), and keeps doing so at every longer length:</p>")
    return (f'<section id="{ANCHOR}"><h2>{escape(TITLE)}</h2>{intro}<ul class="answers">{answers}</ul>'
            f"{table(columns, body)}{image(figure(rows), 'success against length, in context and agentic')}</section>")
