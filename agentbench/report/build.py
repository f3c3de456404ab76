"""Build the one-file HTML report of one or more run folders."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pandas as pd

from agentbench.analysis import metrics
from agentbench.analysis.prices import apply_prices, load_prices
from agentbench.refserver.sim.card import RUN_CARDS_DIR
from agentbench.report import figures, sections
from agentbench.report.page import document, escape
from agentbench.report.runs import RUN_DIR_COLUMN, Run, load_runs
from agentbench.report.transcripts import SampleRef, Transcript, TranscriptKey, read_transcripts
from agentbench.suites.registry import load_suites

_SAMPLE_ORDER = ["model", "suite", "task_id", "epoch", "run_id"]
Attempt = tuple[int, bool, str]
"""(epoch, success, anchor of the sample's drill-down)."""


def load_samples(run_dirs: Sequence[Path], prices: Path | None = None) -> tuple[list[Run], pd.DataFrame]:
    """The runs and their merged samples; with `prices`, costs are recomputed from that price file."""
    runs, samples = load_runs(run_dirs)
    if prices is not None:
        samples = apply_prices(samples, load_prices(prices, [run_dir / RUN_CARDS_DIR for run_dir in run_dirs]))
    return runs, samples


def load_leaderboard(run_dirs: Sequence[Path], prices: Path | None = None) -> pd.DataFrame:
    """The merged leaderboard of these runs (see `metrics.leaderboard`)."""
    return metrics.leaderboard(load_samples(run_dirs, prices)[1])


def build_report(run_dirs: Sequence[Path], out: Path, prices: Path | None = None,
                 transcripts: Mapping[TranscriptKey, Transcript] | None = None) -> Path:
    """Write the self-contained HTML report of `run_dirs` (merged into one leaderboard) to `out`.

    Costs are those recorded in each run's samples.parquet, or recomputed from `prices` when given.
    `transcripts` are those already at hand (a run just collected them); the others are read from the
    logs. The file is written whole or not at all.
    """
    runs, samples = load_samples(run_dirs, prices)
    samples = samples.sort_values(_SAMPLE_ORDER, kind="stable").reset_index(drop=True)
    board = metrics.leaderboard(samples)
    groups = sorted({(str(m), str(s)) for m, s in zip(board["model"], board["suite"], strict=True)})
    task_anchors = {group: f"tasks-{index}" for index, group in enumerate(groups)}
    sample_anchors = [f"sample-{index}" for index in range(len(samples))]

    suite_sections = [section for suite in load_suites().suites.values() if (section := suite.report_section(samples))]
    body = "".join([
        sections.leaderboard(board, task_anchors),
        sections.cost(figures.cost_success(board)),
        *(section.html for section in suite_sections),
        sections.latency(board, figures.latency_distributions(metrics.prepare(samples))),
        sections.tokens(board),
        sections.failures(metrics.failures(samples), board),
        sections.categories(metrics.by_category(samples)),
        sections.tasks(metrics.per_task(samples), task_anchors, _attempt_links(samples, sample_anchors)),
        sections.samples(_drill_down(samples, sample_anchors, transcripts or {}), several_runs=len(runs) > 1),
        sections.configuration(runs),
    ])
    nav = [("leaderboard", "Leaderboard"), ("cost", "Cost"), *((s.anchor, s.title) for s in suite_sections),
           ("latency", "Latency"), ("tokens", "Tokens"), ("failures", "Failures"), ("categories", "Categories"),
           ("tasks", "Tasks"), ("samples", "Samples"), ("config", "Configuration")]
    html = document("agentbench leaderboard", nav, _subtitle(runs, samples), body)
    _write_whole(out, html)
    return out


def _attempt_links(samples: pd.DataFrame, anchors: Sequence[str]) -> dict[tuple[str, str, str], list[Attempt]]:
    links: dict[tuple[str, str, str], list[Attempt]] = {}
    for anchor, row in zip(anchors, samples.itertuples(index=False), strict=True):
        key = (str(row.model), str(row.suite), str(row.task_id))
        links.setdefault(key, []).append((int(row.epoch), bool(row.success), anchor))
    return links


def _drill_down(samples: pd.DataFrame, anchors: Sequence[str],
                known: Mapping[TranscriptKey, Transcript]) -> Iterator[tuple[str, dict, Transcript]]:
    """Each sample with its transcript: the one at hand, else read a few at a time so only abbreviated text accumulates."""
    rows = samples.to_dict(orient="records")
    refs = [_ref(row) for row in rows]
    keys = [None if ref is None else (str(ref.log_path.resolve()), ref.sample_id, ref.epoch) for ref in refs]
    read = read_transcripts(ref for ref, key in zip(refs, keys, strict=True) if key not in known)
    for anchor, row, key in zip(anchors, rows, keys, strict=True):
        yield anchor, row, known[key] if key is not None and key in known else next(read)


def _ref(row: Mapping[str, object]) -> SampleRef | None:
    if pd.isna(row["log_file"]) or not str(row["log_file"]):
        return None
    return SampleRef(Path(str(row[RUN_DIR_COLUMN])) / str(row["log_file"]), str(row["sample_id"]), int(row["epoch"]),
                     _size_hint(row))


def _size_hint(row: Mapping[str, object]) -> float:
    """Tokens a sample's messages may hold: its input tokens, or its context length when larger (a
    context_exceeded sample reports no usage but its log holds the whole context)."""
    hints = [float(row[column]) for column in ("input_tokens", "context_tokens") if not pd.isna(row[column])]
    return max(hints) if hints else float("nan")


def _subtitle(runs: Sequence[Run], samples: pd.DataFrame) -> str:
    described = []
    for run in runs:
        date = (run.config or {}).get("date")
        described.append(f"{run.path.name}{f' ({date})' if date else ''}")
    facts = " · ".join([
        f"{_plural(len(runs), 'run')}: {', '.join(described)}",
        _plural(samples["model"].nunique(), "model"),
        _plural(samples["suite"].nunique(), "suite"),
        _plural(len(samples), "attempt"),
    ])
    return f'<p class="muted">{escape(facts)}</p>'


def _write_whole(out: Path, content: str) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    try:
        partial.write_text(content, encoding="utf-8")
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)


def _plural(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
