"""Every file a user writes that agentbench reads as text (task.yaml, solution.sh, tests/meta.json,
model cards, price, endpoints and threshold files) fails in one line naming the file and the line,
whatever is wrong with it: not UTF-8 (which was a traceback from every reader), not YAML or JSON,
a control character, a folder where a file should be, a meta.json the verifier cannot use (which
was a traceback from `tasks validate`). A broken price file fails a run before its first sample,
not after the last one."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from agentbench.analysis.prices import PriceFileError, load_prices
from agentbench.cli.main import cli
from agentbench.endpoints.config import EndpointsFileError, load_endpoints
from agentbench.refserver.sim.card import CardError, load_card
from agentbench.regression.gate import load_settings
from agentbench.spec import TaskLoadError, discover, load_task
from agentbench.spec.registry import builtin_tasks_dir

BAD = {
    "latin-1": (b"a: 1\nb: caf\xe9\n", "line 2: not UTF-8 text (byte 0xe9)"),
    "broken": (b"a: 1\nb: [1,\n", "line 3: invalid YAML"),
    "control character": (b"a: 1\nb: \x07\n", "line 2: invalid YAML: character #x0007 is not allowed"),
}
READERS: dict[str, tuple[Callable[[Path], object], type[Exception]]] = {
    "model card": (load_card, CardError),
    "price file": (load_prices, PriceFileError),
    "endpoints file": (load_endpoints, EndpointsFileError),
    "thresholds file": (load_settings, ValueError),
}


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("bad", BAD)
def test_each_reader_names_the_file_and_the_line(tmp_path: Path, reader: str, bad: str) -> None:
    load, error = READERS[reader]
    data, expected = BAD[bad]
    path = tmp_path / "user.yaml"
    path.write_bytes(data)
    with pytest.raises(error) as caught:
        load(path)
    assert str(caught.value).startswith(f"{path}: {reader}: {expected}") and "\n" not in str(caught.value)


@pytest.mark.parametrize("reader", [name for name in READERS if name != "endpoints file"])  # that one says "not found"
def test_a_folder_where_a_file_should_be_is_one_line(tmp_path: Path, reader: str) -> None:
    load, error = READERS[reader]
    with pytest.raises(error, match=rf"^{tmp_path}: {reader}: cannot read the file \(Is a directory\)$"):
        load(tmp_path)


def _task_copy(root: Path, name: str) -> Path:
    folder = root / "tool_use" / name
    shutil.copytree(builtin_tasks_dir() / "tool_use" / "top-customer", folder)
    return folder


@pytest.mark.parametrize("bad", BAD)
def test_a_task_yaml_that_is_not_yaml_text_is_a_broken_folder_and_the_others_load(tmp_path: Path, bad: str) -> None:
    good = _task_copy(tmp_path, "good-one")
    broken = _task_copy(tmp_path, "broken-one")
    data, expected = BAD[bad]
    (broken / "task.yaml").write_bytes(data)
    registry = discover([tmp_path], include_builtin=False)
    assert [task.path for task in registry.tasks.values()] == [good]
    [error] = registry.errors
    assert str(error).startswith(f"{broken / 'task.yaml'}: {expected}")


@pytest.mark.parametrize("script", ["solution.sh", "tests/wrong/name-only.sh"])
def test_a_script_the_oracle_replays_that_is_not_utf8_fails_when_the_folder_loads(tmp_path: Path, script: str) -> None:
    """Not in the oracle (an HTTP 500 after 9 retries) or in `tasks validate` (a traceback)."""
    folder = _task_copy(tmp_path, "latin-script")
    with (folder / script).open("ab") as solution:
        solution.write(b"# caf\xe9\necho done\n")
    lines = (folder / script).read_bytes().count(b"\n")
    with pytest.raises(TaskLoadError) as caught:
        load_task(folder)
    assert str(caught.value).startswith(f"{folder / script}: line {lines - 1}: not UTF-8 text (byte 0xe9)")


def test_a_run_with_a_broken_price_file_fails_before_its_first_sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("prices.yaml").write_bytes(b"models:\n  mine: {input: 1, output: 2, source: caf\xe9}\n")
    result = CliRunner().invoke(cli, ["run", "long_context", "--max-length", "1k", "--prices", "prices.yaml"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # not a traceback
    assert result.output.strip().splitlines()[-1] == "Error: prices.yaml: price file: line 2: not UTF-8 text (byte 0xe9); save the file as UTF-8"
    assert not Path("results").exists()  # nothing ran: no run folder, no sample


@pytest.mark.parametrize(("data", "expected"), [
    (b'{"protected": [\n', "line 2: invalid JSON: Expecting value"),
    (b'{"sources": ["caf\xe9"]}', "line 1: not UTF-8 text (byte 0xe9)"),
    (b'["tests/*"]', "expected a JSON object of fields"),
    (b'{"protected": "tests/*"}', "protected: Input should be a valid list"),
    (b'{"suites": {"visible": "five"}}', "suites.visible: Input should be a valid integer"),
    (b'{"suites": {"visible": -1}}', "suites.visible: Input should be greater than or equal to 0"),
])
def test_a_meta_json_the_verifier_cannot_read_fails_when_the_folder_loads(tmp_path: Path, data: bytes, expected: str) -> None:
    folder = tmp_path / "tool_use" / "repair-calc"
    shutil.copytree(builtin_tasks_dir() / "tool_use" / "repair-calc", folder)
    (folder / "tests" / "meta.json").write_bytes(data)
    with pytest.raises(TaskLoadError) as caught:
        load_task(folder)
    assert str(caught.value).startswith(f"{folder / 'tests' / 'meta.json'}: {expected}")


def test_a_verifiers_own_keys_in_meta_json_are_kept(tmp_path: Path) -> None:
    folder = tmp_path / "tool_use" / "repair-calc"
    shutil.copytree(builtin_tasks_dir() / "tool_use" / "repair-calc", folder)
    (folder / "tests" / "meta.json").write_text('{"suites": {"visible": 5}, "sources": ["calc"], "expected_rows": 12}')
    assert load_task(folder).spec.id == "repair-calc"
