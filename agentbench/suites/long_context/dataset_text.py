"""Haystacks from any text data set, through `datasets`: local files or a hub name.

`dataset:SOURCE[@CONFIG][#COLUMN]` reads SOURCE (a .txt/.md, .json/.jsonl, .csv or .parquet
file, a folder of them, or a hub data set when online) and uses its text column in order:
each non-empty line is a paragraph, split into sentences. The text is used once, never
repeated, so a data set shorter than the requested length is an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from agentbench.suites.long_context.haystacks import BLOCK_UNITS, Haystack
from agentbench.suites.long_context.prose import FILL_SENTENCES
from agentbench.tokenizers import hub_reachable

_BUILDERS = {".txt": "text", ".md": "text", ".text": "text", ".json": "json", ".jsonl": "json", ".csv": "csv", ".parquet": "parquet"}
_SENTENCE_END = re.compile(r"(?<=[.!?])(?=\s+\S)")


def dataset_haystack(source: str) -> Haystack:
    """The haystack for `dataset:SOURCE[@CONFIG][#COLUMN]` (loads the data set once per process)."""
    rows, fingerprint = _load(source)

    def blocks(seed: int, length: int) -> Iterator[list[str]]:
        units: list[str] = []
        for text in rows:
            units.extend(_units(text or ""))
            if len(units) >= BLOCK_UNITS:
                yield units
                units = []
        if units:
            yield units

    return Haystack(f"dataset:{source}", blocks, FILL_SENTENCES, "\n", fingerprint)


def _units(text: str) -> list[str]:
    """Sentence units of each non-empty line; the line's last unit carries its newline."""
    units: list[str] = []
    for line in text.splitlines():
        line = line.rstrip()
        if line:
            units.extend(_SENTENCE_END.split(line))
            units[-1] += "\n"
    return units


@lru_cache(maxsize=4)
def _load(source: str) -> tuple[Any, str]:
    """The text column (a lazy sequence of strings) and a fingerprint of the data behind it."""
    name, _, column = source.partition("#")
    name, _, config = name.partition("@")
    path = Path(name).expanduser()
    try:
        import datasets

        datasets.disable_progress_bars()
        if path.exists():
            files = sorted(p for p in path.rglob("*") if p.suffix in _BUILDERS) if path.is_dir() else [path]
            if not files or files[0].suffix not in _BUILDERS:
                raise ValueError(f"no {', '.join(_BUILDERS)} files")
            data = datasets.load_dataset(_BUILDERS[files[0].suffix], data_files=[str(f) for f in files], split="train")
            fingerprint = ";".join(f"{f.resolve()}:{f.stat().st_size}:{f.stat().st_mtime_ns}" for f in files)
        elif name.startswith((".", "/", "~")) or path.suffix in _BUILDERS:
            raise ValueError("no such file or folder")
        elif not hub_reachable():
            raise ValueError("not a local path, and the hub is unreachable")
        else:
            data = datasets.load_dataset(name, config or None, split="train")
            fingerprint = f"{name}@{config}:{data.num_rows}:{data.info.dataset_size}"
    except Exception as exc:  # noqa: BLE001  (datasets raises many kinds; the user needs one line)
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ValueError(f"data set {name!r}: cannot load ({reason})") from None
    text_columns = [c for c, f in data.features.items() if getattr(f, "dtype", None) in ("string", "large_string")]
    column = column or ("text" if "text" in text_columns else (text_columns or [""])[0])
    if column not in text_columns:
        raise ValueError(f"data set {name!r}: no text column {column!r} (text columns: {', '.join(text_columns) or 'none'})")
    return data[column], fingerprint + f"#{column}"
