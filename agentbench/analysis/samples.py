"""Inspect logs -> the samples table (`samples.parquet`), one row per sample and epoch."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from inspect_ai.log import EvalSample, list_eval_logs, read_eval_log, read_eval_log_samples

from agentbench.analysis.column import Column, SampleFacts
from agentbench.analysis.columns import sample_columns, sample_dtypes

if TYPE_CHECKING:
    import pandas as pd

_HEAVY_FIELDS = {"events", "attachments", "timelines"}
_log = logging.getLogger(__name__)


def sample_row(facts: SampleFacts, columns: Sequence[Column]) -> dict[str, object]:
    """One row of the table: every column's value for this sample."""
    return {column.name: column.extract(facts) for column in columns}


def _cut_short(sample: EvalSample, status: str) -> bool:
    """A sample Ctrl-C stopped mid-flight: it did not complete, so it is no result."""
    return status == "cancelled" and sample.error is not None and sample.error.message.startswith("CancelledError")


def log_samples(log_path: Path, run_dir: Path, run_id: str,
                columns: Sequence[Column]) -> Iterator[tuple[dict[str, object], EvalSample]]:
    """Each completed sample of one log with its row, in one pass over the log, even a log cut short by
    Ctrl-C or a crash (its events, attachments and timelines are skipped while parsing)."""
    header = read_eval_log(str(log_path), header_only=True)
    model = header.eval.model.removeprefix("agentbench/")
    relative = log_path.resolve().relative_to(run_dir.resolve()).as_posix()
    for sample in read_eval_log_samples(str(log_path), all_samples_required=False, exclude_fields=_HEAVY_FIELDS):
        if not _cut_short(sample, header.status):
            yield sample_row(SampleFacts(sample, run_id, model, relative), columns), sample


def log_rows(log_path: Path, run_dir: Path, run_id: str, columns: Sequence[Column]) -> Iterable[dict[str, object]]:
    """Rows for every completed sample of one log, even a log cut short by Ctrl-C or a crash."""
    return (row for row, _ in log_samples(log_path, run_dir, run_id, columns))


def log_paths(run_dir: Path) -> list[Path]:
    """The Inspect logs of a run folder (under `run_dir/logs`), listed without opening them."""
    return [Path(info.name.removeprefix("file://")) for info in list_eval_logs(str(run_dir / "logs"))]


def warn_unreadable(path: Path, exc: Exception) -> None:
    """The one-line warning for a log that cannot be read; its samples are left out, the others kept."""
    _log.warning("skipped unreadable log %s: %s", path, " ".join(str(exc).split())[:200])


def rows_table(rows: Iterable[dict[str, object]], columns: Sequence[Column] | None = None) -> pd.DataFrame:
    """The samples table of these rows, with the columns' dtypes."""
    import pandas as pd

    dtypes = sample_dtypes(columns)
    return pd.DataFrame(list(rows), columns=list(dtypes)).astype(dtypes)


def samples_table(run_dir: Path, run_id: str) -> pd.DataFrame:
    """The samples table of a run folder, from the Inspect logs under `run_dir/logs` (cost left to prices).

    A log that cannot be read (a run killed while writing it) is skipped with a one-line warning,
    so the other logs' samples are kept.
    """
    columns = sample_columns()
    rows: list[dict[str, object]] = []
    for path in log_paths(run_dir):
        try:
            rows.extend(list(log_rows(path, run_dir, run_id, columns)))
        except Exception as exc:  # a damaged zip or JSON raises many types; none may cost the other logs
            warn_unreadable(path, exc)
    return rows_table(rows, columns)
