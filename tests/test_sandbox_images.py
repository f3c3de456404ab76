"""Sandbox images: context hashing, Dockerfile base handling, building on a real engine."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import docker
import pytest

from agentbench.sandbox.docker.debian_base import debian_suite
from agentbench.sandbox.errors import ImageBuildError
from agentbench.sandbox.docker.images import context_hash, ensure_images, image_names, image_tag
from agentbench.sandbox.docker.paths import sandboxes_dir


@pytest.fixture
def sandboxes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private sandboxes/ folder holding a copy of `base`."""
    root = tmp_path / "sandboxes"
    shutil.copytree(sandboxes_dir() / "base", root / "base")
    monkeypatch.setenv("AGENTBENCH_SANDBOXES_DIR", str(root))
    return root


def _image(root: Path, name: str, dockerfile: str) -> Path:
    (root / name).mkdir()
    (root / name / "Dockerfile").write_text(dockerfile)
    return root / name


def test_context_hash_follows_content_mode_and_base(sandboxes: Path) -> None:
    folder = _image(sandboxes, "tool", "ARG BASE=agentbench/base\nFROM ${BASE}\nCOPY run.sh /run.sh\n")
    (folder / "run.sh").write_text("echo one\n")
    first = context_hash("tool")
    assert image_tag("tool") == f"agentbench/tool:{first}" and image_names() == ["base", "tool"]
    (folder / "run.sh").write_text("echo two\n")
    second = context_hash("tool")
    (folder / "run.sh").chmod(0o755)
    third = context_hash("tool")
    (sandboxes / "base" / "packages.txt").write_text("bash\n")
    assert len({first, second, third, context_hash("tool")}) == 4


def test_bad_image_definitions_fail_in_one_line(sandboxes: Path) -> None:
    _image(sandboxes, "argless", "FROM ${BASE}\n")
    for name, expected in (("nope", "unknown sandbox image 'nope'"), ("argless", "without `ARG BASE")):
        with pytest.raises(ImageBuildError) as error:
            context_hash(name)
        assert expected in str(error.value) and "\n" not in str(error.value)


def test_only_debian_bases_can_be_built_locally() -> None:
    assert debian_suite("debian:bookworm-slim") == debian_suite("docker.io/library/debian:bookworm") == "bookworm"
    with pytest.raises(ImageBuildError):
        debian_suite("ubuntu:24.04")


@pytest.mark.docker
def test_unchanged_image_is_not_rebuilt(base_image: str, docker_engine: docker.DockerClient) -> None:
    messages: list[str] = []
    assert ensure_images(docker_engine.api, ["base"], progress=messages.append) == {"base": base_image}
    assert messages == []


@pytest.mark.docker
@pytest.mark.slow
def test_image_built_on_a_sandbox_base_uses_its_exact_tag(
    base_image: str, sandboxes: Path, docker_engine: docker.DockerClient
) -> None:
    name = f"derived-{context_hash('base')}"
    _image(sandboxes, name, "ARG BASE=agentbench/base\nFROM ${BASE}\nRUN echo derived > /etc/derived\n")
    messages: list[str] = []
    tag = ensure_images(docker_engine.api, [name], progress=messages.append)[name]
    try:
        assert any("building" in m for m in messages)
        output = docker_engine.containers.run(tag, ["cat", "/etc/derived", "/etc/passwd"], remove=True)
        assert output.startswith(b"derived\n") and b"agent:x:1000" in output
        history = {layer["Id"] for layer in docker_engine.api.history(tag)}
        assert docker_engine.api.inspect_image(base_image)["Id"] in history
    finally:
        docker_engine.api.remove_image(tag)


_RACER = """
import sys
from pathlib import Path
from docker.errors import ImageNotFound
from agentbench.sandbox.docker.debian_base import ensure_debian_base

state = Path(sys.argv[1])

class Engine:
    def inspect_image(self, tag):
        with (state / "inspections").open("a") as log:
            log.write(sys.argv[2] + "\\n")
        if not (state / "imported").exists():
            raise ImageNotFound(tag)

    def import_image_from_file(self, path, **_):
        (state / "imported").write_text(path)

print(ensure_debian_base(Engine(), "bookworm", None, progress=lambda _: None))
"""


def test_two_processes_needing_the_base_at_once_build_it_once(tmp_path: Path) -> None:
    """Two runs (or two test workers) on a fresh machine: one debootstraps, the other waits and uses its image."""
    sandboxes, state = tmp_path / "sandboxes", tmp_path / "state"
    sandboxes.mkdir()
    state.mkdir()
    (sandboxes / "debian_base.sh").write_text(
        f'echo run >> {state}/builds\nwhile [ ! -e {state}/release ]; do sleep 0.05; done\necho rootfs > "$3"\n')
    env = {**os.environ, "AGENTBENCH_SANDBOXES_DIR": str(sandboxes), "AGENTBENCH_CACHE": str(tmp_path / "cache"),
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    script = tmp_path / "racer.py"
    script.write_text(_RACER)

    def start(name: str) -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, str(script), str(state), name], env=env, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def wait_until(ready, process: subprocess.Popen[str]) -> None:
        while not ready():
            assert process.poll() is None, process.communicate()
            time.sleep(0.05)

    first = start("first")
    wait_until(lambda: (state / "builds").exists(), first)
    second = start("second")
    wait_until(lambda: "second" in (state / "inspections").read_text(), second)
    (state / "release").touch()
    outputs = [p.communicate(timeout=600) for p in (first, second)]
    assert [p.returncode for p in (first, second)] == [0, 0], outputs
    assert outputs[0][0] == outputs[1][0] and outputs[0][0].startswith("agentbench/debian-base:bookworm-")
    assert (state / "builds").read_text() == "run\n", "the base was debootstrapped twice at once"
