"""`agentbench report RUN_DIR...`: the HTML leaderboard of one or more runs, and its exports."""

from __future__ import annotations

from pathlib import Path

import click

_DIR = click.Path(exists=True, file_okay=False, dir_okay=True, path_type=Path)
_FILE = click.Path(dir_okay=False, path_type=Path)


@click.command("report")
@click.argument("run_dirs", nargs=-1, required=True, type=_DIR)
@click.option("-o", "--output", type=_FILE, default=None,
              help="HTML file to write [default: RUN_DIR/leaderboard.html for one run, "
                   "./leaderboard.html for several].")
@click.option("--prices", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Price file (YAML, same shape as the shipped prices.yaml) to recompute costs with.")
@click.option("--csv", "csv_path", type=_FILE, default=None, help="Also write the leaderboard as CSV here.")
@click.option("--json", "json_path", type=_FILE, default=None, help="Also write the leaderboard as JSON here.")
@click.option("--md", "md_path", type=_FILE, default=None, help="Also write the leaderboard as Markdown here.")
@click.option("--exports-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write leaderboard.csv, leaderboard.json and leaderboard.md into this folder.")
def report(run_dirs: tuple[Path, ...], output: Path | None, prices: Path | None, csv_path: Path | None,
           json_path: Path | None, md_path: Path | None, exports_dir: Path | None) -> None:
    """Write one self-contained HTML leaderboard for RUN_DIR... (several runs merge into one)."""
    from agentbench.analysis.prices import PriceFileError
    from agentbench.report import (
        ReportError,
        build_report,
        export_leaderboard,
        load_leaderboard,
        write_csv,
        write_json,
        write_markdown,
    )
    from agentbench.report.runs import load_runs, setting_differences
    from agentbench.run.results import rebuild_tables, tables_stale

    if output is None:
        output = run_dirs[0] / "leaderboard.html" if len(run_dirs) == 1 else Path("leaderboard.html")
    try:
        for run_dir in run_dirs:
            if tables_stale(run_dir):
                rows = len(rebuild_tables(run_dir, prices))
                click.echo(f"rebuilt {run_dir / 'samples.parquet'} and summary.json from its logs ({rows} samples)", err=True)
        if len(run_dirs) > 1:
            for line in setting_differences(load_runs(list(run_dirs))[0]):
                click.echo(f"warning: {line}; kept apart, each model labelled with its run folder", err=True)
        written = [build_report(list(run_dirs), output, prices=prices)]
        if exports_dir or csv_path or json_path or md_path:
            board = load_leaderboard(list(run_dirs), prices=prices)
            if exports_dir:
                written += export_leaderboard(board, exports_dir)
            for path, writer in ((csv_path, write_csv), (json_path, write_json), (md_path, write_markdown)):
                if path:
                    written.append(writer(board, path))
    except (ReportError, PriceFileError) as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"cannot write {exc.filename or output}: {exc.strerror or exc}") from None
    for path in written:
        click.echo(f"wrote {path}")
