"""run.json says what makes two runs comparable: code, versions, machine, task content, settings."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from agentbench.run import provenance
from agentbench.run.endpoints import Endpoint
from agentbench.run.runner import RunOptions, run
from agentbench.run.selection import Selection, build_tasks
from agentbench.spec.digest import folder_digest


def test_run_json_records_code_versions_machine_and_task_hashes(tmp_path: Path, fixture_tasks: Path) -> None:
    selection = Selection(suites=("tool_use",), tasks_dirs=(fixture_tasks,), tags="fixture", sandbox="local")
    outcome = run([Endpoint("ref/oracle")], selection, RunOptions(results_dir=tmp_path, display="none"), lambda _: None)
    config = json.loads(outcome.files.config.read_text())
    assert re.fullmatch(r"[0-9a-f]{40}", config["agentbench"]["git_commit"]) and config["agentbench"]["version"]
    assert {"inspect-ai", "openai", "tiktoken", "tokenizers", "python", "docker_engine"} <= set(config["versions"])
    assert config["versions"]["docker_engine"] is None, "a local run asks no engine"
    assert config["machine"]["cores"] >= 1 and config["machine"]["memory_gib"] > 0
    assert config["tokenizer"] == "qwen3" and config["epochs"] == 1
    assert config["tasks"] == {"tool_use/make-report": folder_digest(fixture_tasks / "tool_use" / "make-report")}


def test_a_task_hash_changes_with_any_byte_and_ignores_caches(tmp_path: Path, fixture_tasks: Path) -> None:
    folder = tmp_path / "make-report"
    shutil.copytree(fixture_tasks / "tool_use" / "make-report", folder)
    before = folder_digest(folder)
    (folder / "__pycache__").mkdir()
    (folder / "__pycache__" / "x.pyc").write_bytes(b"cache")
    assert folder_digest(folder) == before
    verifier = folder / "tests" / "test.sh"
    verifier.write_text(verifier.read_text() + "\n")
    assert folder_digest(folder) != before
    (folder / "tests" / "test.sh").rename(folder / "tests" / "test2.sh")
    assert folder_digest(folder) != before


def test_long_context_grid_hash_follows_its_settings() -> None:
    def content(**options: object) -> dict:
        tasks = build_tasks(Selection(suites=("long_context",), lengths="1k,2k", depths="0,50", **options))
        return provenance.task_content(tasks)["generated"]["long_context"]

    first = content()
    assert first == content(), "the same grid hashes the same"
    assert first["samples"] > 0 and first["settings"]["length"] == [1024, 2048]
    assert content(seed=1)["hash"] != first["hash"]
    assert content(tokenizer="deepseek-v3")["hash"] != first["hash"]
