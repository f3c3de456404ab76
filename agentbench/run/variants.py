"""Known-wrong replays of a task: its `tests/wrong/*.sh` and the built-in cheat battery.

`ref/oracle` replays a task's solution.sh, recognising the task by its instruction. To replay
another script as the agent, each variant is a task folder of its own in a scratch directory:
the task's task.yaml with a derived id (`<id>.wrong.<name>`, `<id>.cheat.<name>`) and a marked
instruction, the script as solution.sh, and links to the task's files/ and tests/, so the
sandbox, the files and the verifier are the task's own.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from agentbench import yaml_text
from agentbench.battery import BUNDLES, applies, bundle_script
from agentbench.spec import TaskFolder


@dataclass(frozen=True)
class Variant:
    """One script replayed as the agent against `task`; it must fail."""

    task: TaskFolder
    kind: str  # "wrong" (the task's own) or "cheat" (a bundle of the battery)
    name: str
    script: str

    @property
    def task_id(self) -> str:
        return f"{self.task.spec.id}.{self.kind}.{self.name}"

    @property
    def label(self) -> str:
        return f"{self.kind} {self.name}"


def variants(task: TaskFolder, battery: bool = True) -> list[Variant]:
    """Every script that must fail on `task`: its wrong solutions, then (if `battery`) every cheat."""
    found = [Variant(task, "wrong", path.stem, path.read_text(encoding="utf-8")) for path in task.wrong_solutions]
    if battery:
        found += [Variant(task, "cheat", name, bundle_script(name)) for name in BUNDLES if applies(name, task.files_dir)]
    return found


def write_variant(variant: Variant, root: Path) -> Path:
    """The variant's task folder under `root/<suite>/`, ready to load."""
    spec = variant.task.spec
    folder = root / spec.suite / variant.task_id
    folder.mkdir(parents=True)
    raw = yaml_text.read_yaml(variant.task.path / "task.yaml")
    raw["id"] = variant.task_id
    raw["suite"] = spec.suite
    raw["instruction"] = f"{spec.instruction}\n\n(validation replay: {variant.label})"
    (folder / "task.yaml").write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    (folder / "solution.sh").write_text(variant.script, encoding="utf-8")
    for child in variant.task.path.iterdir():  # copied, not linked: a task folder may not link outside itself
        if child.name in ("task.yaml", "solution.sh"):
            continue
        if child.is_dir():
            shutil.copytree(child, folder / child.name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(child, folder / child.name)
    return folder
