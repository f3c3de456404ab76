"""Join the folders of a sharded run (`--shard I/N`) into one run folder, as if it had run unsharded.

Every shard must come from the same command (same tasks and content, grid, tokenizer, epochs,
models and generation settings) and the shards must be exactly 0..N-1 of one N; anything else is
refused in one line, because pooling them would report a run that never happened.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from agentbench.refserver.sim.card import RUN_CARDS_DIR
from agentbench.run.results import write_results, write_run_config

_SAME = ("tasks", "generated", "tokenizer", "epochs", "selection", "model_cards", "time_scale")


def _endpoints(config: dict[str, object]) -> list[object]:
    """What must agree of the endpoints: names, models, URLs and generation settings (not learned windows)."""
    return [{k: e.get(k) for k in ("name", "model", "base_url", "generation")} for e in config.get("endpoints", [])]


def _load(folder: Path) -> dict[str, object]:
    path = folder / "run.json"
    if not path.is_file():
        raise ValueError(f"{folder} is not a run folder (no run.json)")
    config = json.loads(path.read_text(encoding="utf-8"))
    if not config.get("shard"):
        raise ValueError(f"{folder} is not a shard (run without --shard)")
    return config


def merge_shards(folders: Sequence[Path], out_dir: Path, prices: Path | None = None) -> tuple[Path, pd.DataFrame]:
    """Write `out_dir` (which must not exist) from the shard folders; returns it and its samples table."""
    if out_dir.exists():
        raise ValueError(f"{out_dir} exists: merge writes a new run folder")
    configs = [_load(folder) for folder in folders]
    first = configs[0]
    for folder, config in zip(folders, configs, strict=True):
        for key in _SAME:
            if config.get(key) != first.get(key):
                raise ValueError(f"{folder.name} differs from {folders[0].name} in {key}: not shards of one run")
        if _endpoints(config) != _endpoints(first):
            raise ValueError(f"{folder.name} differs from {folders[0].name} in its endpoints: not shards of one run")
    labels = [str(config["shard"]) for config in configs]
    count = int(labels[0].split("/")[1])
    expected = [f"{i}/{count}" for i in range(count)]
    if sorted(labels, key=lambda label: int(label.split("/")[0])) != expected or len(set(labels)) != len(labels):
        raise ValueError(f"shards {', '.join(sorted(labels))} are not exactly {expected[0]} .. {expected[-1]}")
    (out_dir / "logs").mkdir(parents=True)
    for folder in folders:
        for log in sorted((folder / "logs").glob("*.eval")):
            shutil.copy2(log, out_dir / "logs" / f"{folder.name}-{log.name}")
        cards = folder / RUN_CARDS_DIR
        if cards.is_dir() and not (out_dir / RUN_CARDS_DIR).exists():
            shutil.copytree(cards, out_dir / RUN_CARDS_DIR)
    write_run_config(out_dir, {**first, "run_id": out_dir.name, "shard": None,
                               "merged_from": [{"run_id": c["run_id"], "shard": c["shard"]} for c in configs]})
    _, frame, _ = write_results(out_dir, out_dir.name, prices)
    return out_dir, frame
