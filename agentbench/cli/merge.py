"""`agentbench merge SHARD... -o RUN_DIR`: the shards of one run as one run folder."""

from __future__ import annotations

from pathlib import Path

import click

from agentbench.cli.errors import expected_errors, fail


@click.command("merge")
@click.argument("shards", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(path_type=Path),
              help="The merged run folder (must not exist).")
@click.option("--prices", type=click.Path(path_type=Path, exists=True, dir_okay=False), help="Your price file (YAML).")
def merge(shards: tuple[Path, ...], out_dir: Path, prices: Path | None) -> None:
    """Join the folders of `agentbench run --shard I/N` (all N of them) into one run folder with the
    unsharded run's samples table, summary and report."""
    from agentbench.run.merge import merge_shards

    try:
        written, frame = merge_shards([p.resolve() for p in shards], out_dir.resolve(), prices)
    except expected_errors() as exc:
        fail(str(exc))
    click.echo(f"merged {len(shards)} shard(s), {len(frame)} sample(s): {written}")
