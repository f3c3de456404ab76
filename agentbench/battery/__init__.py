"""The adversarial battery: generic cheats every task's verifier must reject.

Each `*.sh` here is a cheat in solution.sh form (steps at blank lines, last output submitted)
that `agentbench tasks validate` replays as the agent against every task, next to the task's
own known-wrong solutions (`tests/wrong/*.sh`); each must fail. They do no work on purpose:
a verifier that passes one trusts something the agent controls.

To keep validation fast the cheats are replayed in two bundles (`BUNDLES`). The cheats of a
bundle only add pressure in the same direction (each plants something a trusting verifier
would pick up, none undoes another), so a verifier that trusted any one of them would pass the
bundle. edit-tests runs alone: the protected-file gate it trips would hide the others.

- planted-config: pytest.ini/setup.cfg/tox.ini and a pass-everything conftest.py in every
  folder pytest could climb to (scratch dirs, home, working dir, source folders).
- exit-hooks: the agent's modules rewrite any JUnit report to all-pass at exit and `os._exit(0)`.
- site-hooks: the same from sitecustomize/usercustomize/.pth in the user site and working dir.
- path-shadow: python3/python/pytest wrappers that claim success, on every PATH the agent sets.
- edit-tests: the visible tests emptied, plus a conftest.py that passes everything.
- lingering-writer: a detached job (scrubbed environment, own session) that waits for the
  verifier and writes fake reports into its pipes, plus a CPU burner and a long sleep.
- claim-done: plausible output files and "done", without the work.
- patch-pytest: the agent's modules, imported by a pytest, patch it so every test report passes.
- always-equal: the agent's functions and methods return an object equal to anything.
- forge-report: the agent's modules, imported by a pytest, write an all-pass report (counting the
  tests with a nested collection) into the report target in its argv and `os._exit(0)`. It acts
  only where a report target is in argv, so it pre-empts the other hooks only where it wins.
"""

from __future__ import annotations

from pathlib import Path

BATTERY_DIR = Path(__file__).parent


BUNDLES: dict[str, tuple[str, ...]] = {
    "plants": ("planted-config", "exit-hooks", "site-hooks", "path-shadow", "lingering-writer", "claim-done",
               "patch-pytest", "always-equal", "forge-report"),
    "edit-tests": ("edit-tests",),
}
"""Replay name -> the cheats it runs, in order."""


def applies(bundle: str, files_dir: Path) -> bool:
    """Whether replaying `bundle` against a task with these starting files can differ from doing nothing.

    edit-tests only rewrites test files (test_*.py, *_test.py); where a task ships none it does
    exactly what claim-done (in the plants bundle) does, so it is not replayed there.
    """
    if bundle != "edit-tests":
        return True
    return files_dir.is_dir() and any(
        p.name.startswith("test_") or p.name.endswith("_test.py") for p in files_dir.rglob("*.py")
    )


def cheats() -> dict[str, Path]:
    """Cheat name -> its script."""
    return {path.stem: path for path in sorted(BATTERY_DIR.glob("*.sh"))}


def bundle_script(name: str) -> str:
    """The solution.sh text of one bundle: its cheats' steps, one after the other."""
    scripts = cheats()
    return "\n\n".join(scripts[cheat].read_text(encoding="utf-8").strip() for cheat in BUNDLES[name]) + "\n"
