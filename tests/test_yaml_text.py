"""`yaml_text.read_yaml` (libyaml's parser) reads what `yaml.safe_load` reads and refuses what it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from agentbench import yaml_text
from agentbench.spec.registry import builtin_tasks_dir
from agentbench.text_files import TextFileError

SHIPPED = sorted(builtin_tasks_dir().glob("*/*/task.yaml")) + sorted(Path(yaml_text.__file__).parent.glob("**/*.yaml"))


def test_every_shipped_yaml_reads_as_safe_load_reads_it() -> None:
    assert len(SHIPPED) >= 50
    for path in SHIPPED:
        assert yaml_text.read_yaml(path) == yaml.safe_load(path.read_text(encoding="utf-8")), path


@pytest.mark.parametrize("text", [
    "!!python/object/apply:builtins.len [[1, 2]]",
    "x: !!python/name:builtins.len ''",
    "!!python/object/new:tuple [[1, 2]]",
])
def test_python_tags_are_refused(tmp_path: Path, text: str) -> None:
    (tmp_path / "tagged.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(TextFileError, match="line 1: invalid YAML: could not determine a constructor"):
        yaml_text.read_yaml(tmp_path / "tagged.yaml")


@pytest.mark.parametrize(("data", "expected"), [
    (b"a: [1,\n", "line 2: invalid YAML: did not find expected node content"),
    (b"a: b: c\n", "line 1: invalid YAML: mapping values are not allowed"),
    (b"ok: 1\n\t- x\n", "line 2: invalid YAML: found a tab character that violates indentation"),
    (b"x: 1\n---\ny: 2\n", "line 2: invalid YAML: expected a single document in the stream, but found another document"),
    (b"a: 1\nb: caf\xe9\n", "line 2: not UTF-8 text (byte 0xe9)"),
    (b"a: 1\nb: \x01\n", "line 2: invalid YAML: character #x0001 is not allowed"),
])
def test_broken_yaml_is_one_line_with_its_line(tmp_path: Path, data: bytes, expected: str) -> None:
    (tmp_path / "broken.yaml").write_bytes(data)
    with pytest.raises(TextFileError) as caught:
        yaml_text.read_yaml(tmp_path / "broken.yaml")
    assert str(caught.value).startswith(expected) and "\n" not in str(caught.value)


def test_a_byte_order_mark_and_an_empty_file_read_as_safe_load_reads_them(tmp_path: Path) -> None:
    (tmp_path / "bom.yaml").write_bytes(b"\xef\xbb\xbfa: 1\n")
    (tmp_path / "empty.yaml").write_bytes(b"")
    assert yaml_text.read_yaml(tmp_path / "bom.yaml") == {"a": 1}
    assert yaml_text.read_yaml(tmp_path / "empty.yaml") is None
