"""The verifier runtime's pure parts (answer rule, checksums), run on the host; no sandbox needed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from agentbench.spec import discover
from agentbench.spec.checksums import protected_checksums, refresh_checksums
from agentbench.verifier_runtime import RUNTIME_FILES

sys.path.insert(0, str(RUNTIME_FILES[0].parent))
import abverify  # noqa: E402


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("`api:12`", "api:12"),
        ("**API: 12**", "api:12"),
        ('"D-1042"', "d-1042"),
        ("```\nbooks, 1,234.50\n```", "books,1234.50"),
        ("  10.0.0.7   root ", "10.0.0.7 root"),
        ("\u201cAlice Smith\u201d", "alice smith"),
        ("`'x'`", "x"),
    ],
)
def test_the_answer_rule_strips_formatting_not_content(given: str, expected: str) -> None:
    assert abverify.normalise(given) == expected


@pytest.mark.parametrize(("given", "other"), [("api:12", "api:13"), ("D-1042", "D-104"), ("1,234", "1,235"), ("12,5", "125")])
def test_the_answer_rule_keeps_what_changes_the_answer(given: str, other: str) -> None:
    assert not abverify.same(given, other)


def test_numbers_read_with_thousands_separators() -> None:
    assert abverify.number("1,234,567.50") == abverify.number("1234567.5")
    assert abverify.number("twelve") is None


def _run_finish(tmp_path: Path, passed: int, total: int, gates_ok: bool) -> tuple[int, str]:
    reward = tmp_path / "reward.txt"
    code = f"import abverify; abverify.finish({passed}, {total}, [], gates_ok={gates_ok})"
    env = {"PYTHONPATH": str(RUNTIME_FILES[0].parent), "AGENTBENCH_REWARD_FILE": str(reward), "AGENTBENCH_TESTS_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    return result.returncode, reward.read_text().strip()


def test_a_failed_gate_zeroes_the_reward(tmp_path: Path) -> None:
    assert _run_finish(tmp_path, 1, 3, True) == (1, "0.3333")
    assert _run_finish(tmp_path, 3, 3, False) == (1, "0.0000")
    assert _run_finish(tmp_path, 3, 3, True) == (0, "1.0000")


def test_checksums_are_written_by_tooling_and_catch_added_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "files" / "tests").mkdir(parents=True)
    (tmp_path / "files" / "tests" / "test_a.py").write_text("def test_a(): pass\n")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "meta.json").write_text(json.dumps({"protected": ["tests/*"]}))
    assert refresh_checksums(tmp_path / "tests", tmp_path / "files")
    assert not refresh_checksums(tmp_path / "tests", tmp_path / "files")
    info = json.loads((tmp_path / "tests" / "meta.json").read_text())
    work = tmp_path / "work"
    shutil.copytree(tmp_path / "files", work)
    monkeypatch.setattr(abverify, "WORK", work)
    assert abverify.protected_changes(info) == []
    (work / "tests" / "conftest.py").write_text("")
    assert abverify.protected_changes(info) == ["tests/conftest.py"]
    (work / "tests" / "conftest.py").unlink()
    (work / "tests" / "test_a.py").write_text("def test_a(): assert True\n")
    assert abverify.protected_changes(info) == ["tests/test_a.py"]


def test_every_builtin_tasks_checksums_are_current() -> None:
    for task in discover().suite("tool_use"):
        meta = task.tests_dir / "meta.json"
        if meta.is_file() and "protected" in (info := json.loads(meta.read_text())):
            assert info["checksums"] == protected_checksums(task.files_dir, info["protected"]), task.key


def test_verify_scripts_use_the_runtime_not_their_own_copies() -> None:
    """Every task, the `hard` ones included: no helper module of its own, no process started but
    through the runtime (which runs the agent's code as the agent user)."""
    test_sh = (discover().tasks["tool_use/repair-calc"].tests_dir / "test.sh").read_text()
    for task in discover().suite("tool_use"):
        text = (task.tests_dir / "verify.py").read_text()
        assert "from abverify import" in text and "def finish" not in text and "subprocess" not in text, task.key
        assert "os.system" not in text and "Popen" not in text, task.key
        assert not (task.tests_dir / "abverify.py").exists() and not (task.tests_dir / "lib.py").exists(), task.key
        assert (task.tests_dir / "test.sh").read_text() == test_sh, task.key


def test_the_edit_tests_cheat_is_replayed_only_where_there_are_tests_to_edit() -> None:
    from agentbench.battery import applies

    tasks = discover().tasks
    assert applies("edit-tests", tasks["tool_use/repair-calc"].files_dir)
    assert not applies("edit-tests", tasks["tool_use/service-errors"].files_dir)
    assert all(applies("plants", task.files_dir) for task in tasks.values())


def test_all_or_nothing_checks_pay_nothing_for_a_partial_answer(tmp_path: Path) -> None:
    reward = tmp_path / "reward.txt"
    env = {"PYTHONPATH": str(RUNTIME_FILES[0].parent), "AGENTBENCH_REWARD_FILE": str(reward), "AGENTBENCH_TESTS_DIR": str(tmp_path)}
    for flag, expected in (("True", "0.0000"), ("False", "0.5000")):
        code = f"import abverify; c = abverify.Checks(all_or_nothing={flag}); c.check(1, 'a'); c.check(0, 'b'); c.finish()"
        result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        assert result.returncode == 1 and reward.read_text().strip() == expected and "b" in result.stdout


def _git(repo: Path, *args: str) -> str:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(repo), "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@x",
           "GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@x"}
    return subprocess.run(["git", "-C", str(repo), *args], env=env, check=True, capture_output=True, text=True).stdout.strip()


def test_the_repository_reader_ignores_the_agents_config_hooks_and_replace_refs(tmp_path: Path) -> None:
    """The agent's .git is untrusted: a replace ref faking a merge, a config that runs code, hooks."""
    repo = tmp_path / "shop"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    (repo / "a.txt").write_text("a\n")
    _git(repo, "add", "a.txt")
    _git(repo, "commit", "-qm", "one")
    one = _git(repo, "rev-parse", "HEAD")
    _git(repo, "checkout", "-qb", "side")
    (repo / "b.txt").write_text("b\n")
    _git(repo, "add", "b.txt")
    _git(repo, "commit", "-qm", "two")
    side = _git(repo, "rev-parse", "HEAD")
    _git(repo, "checkout", "-q", "main")
    (repo / "c.txt").write_text("c\n")
    _git(repo, "add", "c.txt")
    _git(repo, "commit", "-qm", "three")
    tip = _git(repo, "rev-parse", "HEAD")
    _git(repo, "replace", "--graft", tip, one, side)  # main's tip now *looks* like a merge
    assert _git(repo, "rev-list", "--parents", "-n", "1", "main").split()[1:] == [one, side]
    marker = tmp_path / "ran"
    with (repo / ".git" / "config").open("a") as config:
        config.write(f"[core]\n\tfsmonitor = touch {marker}\n\tpager = touch {marker}\n[alias]\n\tls-tree = !touch {marker}\n")
    copy = abverify.copy_repository(repo / ".git", tmp_path / "copy")
    assert copy is not None and not (copy / "hooks").exists()
    code, out = abverify.git(copy, "rev-list", "--parents", "-n", "1", "refs/heads/main")
    assert code == 0 and out.decode().split()[1:] == [one]
    assert abverify.git(copy, "ls-tree", "-r", "--name-only", "refs/heads/main")[1].split() == [b"a.txt", b"c.txt"]
    assert not marker.exists()
    assert abverify.copy_repository(tmp_path / "missing" / ".git", tmp_path / "copy2") is None
