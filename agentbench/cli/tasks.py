"""`agentbench tasks`: list the task folders found and report the broken ones."""

from __future__ import annotations

from pathlib import Path

import click

from agentbench.sandbox.backend_names import BACKEND_NAMES, DEFAULT_BACKEND


@click.group()
def tasks() -> None:
    """Task folders: list, validate and scaffold them."""


@tasks.command("list")
@click.option("--tasks-dir", "tasks_dirs", multiple=True, type=click.Path(path_type=Path), help="Extra folder of task folders (repeatable).")
@click.option("--suite", help="Only this suite.")
def list_tasks(tasks_dirs: tuple[Path, ...], suite: str | None) -> None:
    """List every task (built-in, --tasks-dir and installed packages), then every suite (built-in and
    installed plugins); broken folders and plugins get one line each."""
    from agentbench.spec import discover
    from agentbench.suites.registry import load_suites

    suites = load_suites()
    if suite is not None and suite not in suites.suites:
        raise click.ClickException(f"unknown suite {suite!r}; choose from {', '.join(suites.names)}")
    registry = discover(tasks_dirs)
    shown = [t for t in sorted(registry.tasks.values(), key=lambda t: t.key) if not suite or t.spec.suite == suite]
    width = max((len(t.key) for t in shown), default=0)
    for task in shown:
        tags = f"  [{','.join(task.spec.tags)}]" if task.spec.tags else ""
        click.echo(f"{task.key:<{width}}  {task.spec.category:<12} {task.spec.difficulty:<6}{tags}")
    click.echo(f"{len(shown)} task folder(s)")
    for plugin in suites.suites.values():
        if not suite or plugin.name == suite:
            click.echo(f"suite {plugin.name}: {plugin.summary}")
    for line in registry.shadowed:
        click.echo(f"note: {line}", err=True)
    for error in [*registry.errors, *suites.errors]:
        click.echo(f"error: {error}", err=True)


@tasks.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, exists=True))
@click.option("--sandbox", type=click.Choice(BACKEND_NAMES), default=DEFAULT_BACKEND, show_default=True)
@click.option("--no-battery", is_flag=True, help="Skip the built-in cheat battery (the task's tests/wrong/*.sh still run).")
@click.option("--keep-logs", "keep_logs_in", type=click.Path(file_okay=False, path_type=Path),
              help="Keep the validation run folders (Inspect logs, samples.parquet) under this folder.")
def validate_tasks(paths: tuple[Path, ...], sandbox: str, no_battery: bool, keep_logs_in: Path | None) -> None:
    """Lint task folders and prove each one: ref/oracle must pass with reward 1, ref/null must earn at
    most 0.05, and every tests/wrong/*.sh and every cheat of the built-in battery must fail.

    PATHS are task folders or folders of them (default: every built-in and installed tool-use task); a
    folder named here wins over a built-in or installed task with the same id. Refreshes
    the protected-file checksums in tests/meta.json first. Prints one line per task and exits
    non-zero if any is not sound.
    """
    from agentbench.run.validate import validate

    verdicts = validate(paths, sandbox, progress=lambda m: click.echo(m, err=True), battery=not no_battery,
                        keep_logs_in=keep_logs_in)
    for verdict in verdicts:
        click.echo(f"{'ok  ' if verdict.ok else 'FAIL'} {verdict.key}: {verdict.detail}")
    bad = sum(not v.ok for v in verdicts)
    click.echo(f"{len(verdicts) - bad} ok, {bad} failed")
    if bad or not verdicts:
        raise SystemExit(1)


@tasks.command("new")
@click.argument("name")
@click.option("--tasks-dir", "root", type=click.Path(path_type=Path), help="Root to create it under (default: the built-in tasks/).")
def new_task(name: str, root: Path | None) -> None:
    """Scaffold task folder NAME (`tool_use/<id>`) with every field commented."""
    from agentbench.spec import builtin_tasks_dir
    from agentbench.spec.scaffold import scaffold_task

    try:
        folder = scaffold_task(root or builtin_tasks_dir(), name)
    except (ValueError, FileExistsError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"created {folder}: fill in task.yaml, solution.sh and tests/test.sh, then `agentbench tasks validate {folder}`")
