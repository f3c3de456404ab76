"""The README's set-up commands are what CI runs, they install tested versions, and its schema
sections document every field the code writes."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from agentbench.analysis.metrics import LEADERBOARD_COLUMNS

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def _readme_commands():
    spec = importlib.util.spec_from_file_location("readme_commands", REPO / ".ci" / "readme_commands.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_ci_runs_both_readme_commands_as_written() -> None:
    commands = _readme_commands().setup_commands(README)
    assert "agentbench run" in commands["main"] and "-c constraints.txt" in commands["main"]
    assert commands["tests"].startswith("bash tests/setup.sh") and "pytest" in commands["tests"]
    ci = (REPO / ".ci" / "run").read_text()
    assert "readme_commands.py main" in ci and "readme_commands.py tests" in ci
    assert 'bash -euo pipefail -c "$main"' in ci and 'bash -euo pipefail -c "$tests"' in ci


def test_the_commands_parser_refuses_a_changed_section() -> None:
    parse = _readme_commands().setup_commands
    section = "## Set up on a fresh machine\n\n```bash\na\n```\n\n```bash\nb\n```\n\n## Use\n```bash\nc\n```\n"
    assert parse(section) == {"main": "a", "tests": "b"}
    for broken in (section.replace("```bash\nb\n```", ""), section.replace("b\n", "b\nmore\n", 1), "# nothing here"):
        try:
            parse(broken)
        except ValueError:
            continue
        raise AssertionError(f"accepted {broken!r}")


def test_constraints_pin_every_dependency_and_the_test_setup_uses_them() -> None:
    pins = {}
    for line in (REPO / "constraints.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"constraints.txt: {line!r} is not an exact pin"
            pins[canonicalize_name(name)] = version
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    needed = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    for requirement in map(Requirement, needed):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not pinned in constraints.txt"
        assert requirement.specifier.contains(pins[name], prereleases=True), f"{name}=={pins[name]} breaks {requirement}"
    assert "-c constraints.txt" in (REPO / "tests" / "setup.sh").read_text()


def test_summary_json_section_documents_every_leaderboard_field() -> None:
    section = README[README.index("## summary.json"):]
    section = section[: section.index("\n## ", 3)] if "\n## " in section[3:] else section
    documented = set(re.findall(r"^\| ([a-z_^@0-9]+) \|", section, flags=re.MULTILINE))
    assert set(LEADERBOARD_COLUMNS) <= documented, set(LEADERBOARD_COLUMNS) - documented


def test_every_third_party_import_is_a_declared_dependency() -> None:
    """A fresh venv gets only what pyproject declares (and what that pulls in): an import that works
    here only because something else installed it fails the README's first command."""
    import ast
    import sys
    from importlib.metadata import packages_distributions

    spec = importlib.util.spec_from_file_location("lock", REPO / ".ci" / "lock.py")
    assert spec and spec.loader
    lock = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(lock)
    closure = set(lock.closure())
    owners = packages_distributions()
    optional = {"kubernetes", "paramiko"}  # extras, imported lazily where used
    missing = set()
    for path in (REPO / "agentbench").rglob("*.py"):
        if "verifier_runtime" in path.parts or path.name == "pytest_plugin.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 else [])
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top in ("agentbench", "__future__") or top in optional:
                    continue
                dists = {canonicalize_name(d) for d in owners.get(top, [])}
                if not dists & closure:
                    missing.add(f"{path.relative_to(REPO)}: {top}")
    assert not missing, sorted(missing)


def test_samples_parquet_section_is_the_table_the_columns_derive() -> None:
    from agentbench.analysis.columns import readme_table

    section = README[README.index("## samples.parquet"):]
    assert readme_table() in section[: section.index("\n## ", 3)], "README's samples.parquet table is stale: regenerate it"
