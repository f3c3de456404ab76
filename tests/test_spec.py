"""Task folders: valid ones load, broken ones give one line naming the file and the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from agentbench.spec import TaskLoadError, discover, load_task

FIXTURES = Path(__file__).parent / "fixtures" / "tasks"


def _copy_fixture(tmp_path: Path) -> Path:
    root = tmp_path / "tasks"
    shutil.copytree(FIXTURES, root)
    return root


def test_fixture_task_loads_with_defaults() -> None:
    task = load_task(FIXTURES / "tool_use" / "make-report")
    assert task.key == "tool_use/make-report"
    assert task.spec.limits.max_turns == 10
    assert task.spec.sandbox.network is False
    assert task.spec.tools == ("bash", "python", "text_editor")


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("instruction: hi\nlimits:\n  max_turns: 0\n", "task.yaml: limits.max_turns: Input should be greater than 0"),
        ("instruction: hi\ntools: [bash, browser]\n", "task.yaml: tools.1: Input should be"),
        ("instruction: hi\nunknown_field: 1\n", "task.yaml: unknown_field: Extra inputs are not permitted"),
        ("instruction: [unclosed\n", "task.yaml: line 2: invalid YAML"),
        ("- just\n- a list\n", "task.yaml: expected a mapping"),
        ("difficulty: easy\n", "task.yaml: instruction: Field required"),
    ],
)
def test_broken_task_yaml_is_one_line_naming_file_and_field(tmp_path: Path, yaml_text: str, expected: str) -> None:
    root = _copy_fixture(tmp_path)
    (root / "tool_use" / "make-report" / "task.yaml").write_text(yaml_text)
    with pytest.raises(TaskLoadError) as info:
        load_task(root / "tool_use" / "make-report")
    message = str(info.value)
    assert "\n" not in message
    assert expected in message


def test_missing_verifier_and_solution_are_named(tmp_path: Path) -> None:
    root = _copy_fixture(tmp_path)
    task_dir = root / "tool_use" / "make-report"
    (task_dir / "tests" / "test.sh").unlink()
    with pytest.raises(TaskLoadError, match=r"scoring\.verifier: file tests/test\.sh does not exist"):
        load_task(task_dir)
    shutil.rmtree(task_dir / "tests")
    (task_dir / "solution.sh").unlink()
    with pytest.raises(TaskLoadError, match=r"solution\.sh: missing solution\.sh"):
        load_task(task_dir)


def test_a_setup_script_is_checked_and_reaches_the_sample(tmp_path: Path) -> None:
    from agentbench.sandbox.backends import BackendSettings, get_backend
    from agentbench.suites.tool_use.samples import task_sample

    root = _copy_fixture(tmp_path)
    task_dir = root / "tool_use" / "make-report"
    manifest = task_dir / "task.yaml"
    manifest.write_text(manifest.read_text() + "setup: start.sh\n")
    with pytest.raises(TaskLoadError, match=r"setup: file start\.sh does not exist"):
        load_task(task_dir)
    (task_dir / "start.sh").write_text("echo started > started.txt\n")
    task = load_task(task_dir)
    assert task.setup_script == task_dir / "start.sh"
    docker = get_backend("docker")
    sample = task_sample(task, docker, BackendSettings())
    assert sample.metadata["setup"] == "start.sh" and sample.setup is None and not sample.files, "staged by the task's setup step"
    assert task_sample(load_task(FIXTURES / "tool_use" / "make-report"), docker, BackendSettings()).metadata["setup"] is None


def test_a_probe_must_be_a_file_of_the_task_and_reaches_the_sample(tmp_path: Path) -> None:
    from agentbench.sandbox.backends import BackendSettings, get_backend
    from agentbench.suites.tool_use.samples import task_sample

    root = _copy_fixture(tmp_path)
    task_dir = root / "tool_use" / "make-report"
    manifest = task_dir / "task.yaml"
    text = manifest.read_text()
    for probe in ("tests/probe.py", "../probe.py"):
        manifest.write_text(text + f"scoring: {{verifier: tests/test.sh, probe: {probe}}}\n")
        with pytest.raises(TaskLoadError, match=r"scoring\.probe: .* must be a file inside the task folder"):
            load_task(task_dir)
    manifest.write_text(text + "scoring: {verifier: tests/test.sh, probe: tests/probe.py}\n")
    (task_dir / "tests" / "probe.py").write_text("print('seen')\n")
    assert task_sample(load_task(task_dir), get_backend("docker"), BackendSettings()).metadata["probe"] == "tests/probe.py"


def test_discover_keeps_good_tasks_next_to_a_broken_one(tmp_path: Path) -> None:
    root = _copy_fixture(tmp_path)
    broken = root / "tool_use" / "broken"
    shutil.copytree(root / "tool_use" / "make-report", broken)
    (broken / "task.yaml").write_text("instruction: x\nlimits: {time_s: -1}\n")
    registry = discover([root], include_builtin=False)
    assert list(registry.tasks) == ["tool_use/make-report"]
    assert len(registry.errors) == 1 and "broken/task.yaml: limits.time_s" in str(registry.errors[0])


def test_duplicate_ids_across_roots_are_reported(tmp_path: Path) -> None:
    first, second = _copy_fixture(tmp_path / "a"), _copy_fixture(tmp_path / "b")
    registry = discover([first, second], include_builtin=False)
    assert len(registry.tasks) == 1
    assert "duplicate of tool_use/make-report" in str(registry.errors[0])


def test_oracle_recognises_task_by_instruction() -> None:
    registry = discover([FIXTURES], include_builtin=False)
    task = registry.tasks["tool_use/make-report"]
    assert registry.by_instruction("  " + task.spec.instruction + "\n") is task
    assert registry.by_instruction("something else") is None


def test_identical_instructions_are_reported(tmp_path: Path) -> None:
    root = _copy_fixture(tmp_path)
    shutil.copytree(root / "tool_use" / "make-report", root / "tool_use" / "make-report-twin")
    registry = discover([root], include_builtin=False)
    assert list(registry.tasks) == ["tool_use/make-report"]
    assert "make-report-twin/task.yaml: instruction: identical to tool_use/make-report's" in str(registry.errors[0])


def test_tasks_from_an_installed_package_load_through_the_entry_point(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "site" / "acme_tasks"
    shutil.copytree(FIXTURES / "tool_use" / "make-report", package / "tool_use" / "acme-report")
    (package / "__init__.py").write_text("")
    dist = tmp_path / "site" / "acme_tasks-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-tasks\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[agentbench.tasks]\nacme = acme_tasks\n")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    registry = discover(include_builtin=False)
    assert "tool_use/acme-report" in registry.tasks
    assert registry.tasks["tool_use/acme-report"].path == (package / "tool_use" / "acme-report").resolve()


@pytest.mark.parametrize("target", ["/etc/hostname", "/etc", "../../../../outside.txt", "missing-file"])
def test_a_symlink_leaving_the_task_folder_is_refused_naming_the_file(tmp_path: Path, target: str) -> None:
    root = _copy_fixture(tmp_path)
    link = root / "tool_use" / "make-report" / "files" / "secret"
    link.symlink_to(target)
    (tmp_path / "outside.txt").write_text("host data")
    with pytest.raises(TaskLoadError) as caught:
        load_task(root / "tool_use" / "make-report")
    message = str(caught.value)
    assert "files/secret" in message and "leaves the task folder" in message and "\n" not in message


def test_a_symlink_inside_the_task_folder_is_kept(tmp_path: Path) -> None:
    folder = _copy_fixture(tmp_path) / "tool_use" / "make-report"
    (folder / "files" / "alias.txt").symlink_to("numbers.txt")
    (folder / "files" / "loop").symlink_to(".")  # a link back up is not walked into
    assert load_task(folder).spec.id == "make-report"


def test_a_symlink_deep_in_the_folder_is_found(tmp_path: Path) -> None:
    folder = _copy_fixture(tmp_path) / "tool_use" / "make-report"
    (folder / "files" / "a" / "b").mkdir(parents=True)
    (folder / "files" / "a" / "b" / "key").symlink_to("/etc/hostname")
    with pytest.raises(TaskLoadError, match="files/a/b/key: symlink to /etc/hostname leaves the task folder"):
        load_task(folder)


@pytest.mark.parametrize("verifier", ["../../elsewhere/test.sh", "/etc/test.sh", "tests/../../x.sh"])
def test_a_verifier_outside_the_task_folder_is_refused(tmp_path: Path, verifier: str) -> None:
    folder = _copy_fixture(tmp_path) / "tool_use" / "make-report"
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "test.sh").write_text("exit 0\n")
    manifest = folder / "task.yaml"
    manifest.write_text(manifest.read_text() + f"scoring:\n  verifier: {verifier}\n")
    with pytest.raises(TaskLoadError, match="scoring.verifier: .* must be a path inside the task folder"):
        load_task(folder)


def test_a_folder_the_user_names_shadows_an_installed_task_and_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "site" / "shadowed_pack"
    shutil.copytree(FIXTURES / "tool_use" / "make-report", package / "tool_use" / "make-report")
    (package / "__init__.py").write_text("")
    dist = tmp_path / "site" / "shadowed_pack-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: shadowed-pack\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[agentbench.tasks]\npack = shadowed_pack\n")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    mine = _copy_fixture(tmp_path / "mine")
    registry = discover([mine], include_builtin=False)
    assert registry.tasks["tool_use/make-report"].path == (mine / "tool_use" / "make-report").resolve()
    assert not registry.errors
    [line] = registry.shadowed
    assert str((mine / "tool_use" / "make-report").resolve()) in line and str((package / "tool_use" / "make-report").resolve()) in line
