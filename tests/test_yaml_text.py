"""`yaml_text.safe_load` (libyaml's parser) reads what `yaml.safe_load` reads and refuses what it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from agentbench import yaml_text
from agentbench.spec.registry import builtin_tasks_dir

SHIPPED = sorted(builtin_tasks_dir().glob("*/*/task.yaml")) + sorted(Path(yaml_text.__file__).parent.glob("**/*.yaml"))


def test_every_shipped_yaml_reads_as_safe_load_reads_it() -> None:
    assert len(SHIPPED) >= 50
    for path in SHIPPED:
        text = path.read_text(encoding="utf-8")
        assert yaml_text.safe_load(text) == yaml.safe_load(text), path


@pytest.mark.parametrize("text", [
    "!!python/object/apply:builtins.len [[1, 2]]",
    "x: !!python/name:builtins.len ''",
    "!!python/object/new:tuple [[1, 2]]",
])
def test_python_tags_are_refused(text: str) -> None:
    with pytest.raises(yaml.YAMLError):
        yaml_text.safe_load(text)


@pytest.mark.parametrize("text", ["a: [1,", "a: b: c", "\t- x", "key: 'open"])
def test_broken_yaml_is_a_yaml_error_with_its_line(text: str) -> None:
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml_text.safe_load(text)
    assert caught.value.problem_mark is not None and caught.value.problem
