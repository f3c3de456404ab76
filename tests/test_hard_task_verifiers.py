"""The hard tasks' answer verifiers accept reasonable spellings of the right answer and nothing else (no Docker)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from agentbench.verifier_runtime import RUNTIME_FILES

TASKS = Path(__file__).resolve().parent.parent / "tasks" / "tool_use"
RIGHT = {
    "breach-forensics": ["185.220.101.47:26437954", "`185.220.101.47:26437954`", "**185.220.101.47 : 26,437,954**", " '185.220.101.47:26437954'\n"],
    "gateway-504s": ["s09:267", "S09:267", "`s09: 267`", '"s09:267"'],
    "bisect-regression": ["919a1e36099386ecae519c4599ffb691ccb2bfd2", "`919a1e3`", "919A1E36099386ECAE519C4599FFB691CCB2BFD2",
                          "919a1e36099386ecae519c4599ffb691ccb2bfd2 Refactor rounding helpers"],
    "acl-audit": ["ana.holm,ben.ekko,cara.ito,eli.berg,hana.ekko,ivo.ito,nia.ekko,nia.gray,oli.diaz,rae.diaz;16",
                  "`ana.holm, ben.ekko, cara.ito, eli.berg, hana.ekko, ivo.ito, nia.ekko, nia.gray, oli.diaz, rae.diaz; 16`",
                  "rae.diaz,oli.diaz,nia.gray,nia.ekko,ivo.ito,hana.ekko,eli.berg,cara.ito,ben.ekko,ana.holm;16"],
}
WRONG = {
    "breach-forensics": ["", "185.220.101.47", "185.220.101.47:31054025", "45.155.205.233:0", "10.0.0.5:26437954"],
    "gateway-504s": ["", "s09", "s04:288", "s02:265", "s09:156", "s09:2670"],
    "bisect-regression": ["", "919a1e", "fd0ba7029d65bf86753ba891c223d1978d41079c", "a75e850", "main"],
    "acl-audit": ["", "ana.holm;16", "ana.holm,ben.ekko,cara.ito,eli.berg,hana.ekko,ivo.ito,nia.ekko,nia.gray,oli.diaz,rae.diaz;21",
                  "ana.holm,ben.ekko,eli.berg,hana.ekko,ivo.ito,nia.ekko,nia.gray,oli.diaz,rae.diaz;16"],
}


def _verify(task: str, answer: str, tmp_path: Path) -> int:
    """verify.py run as the scorer runs it: its tests folder with the runtime copied beside it, `python3 -s -E`."""
    tests = tmp_path / "tests"
    if not tests.exists():
        shutil.copytree(TASKS / task / "tests", tests)
        for path in RUNTIME_FILES:
            shutil.copyfile(path, tests / path.name)
    answer_file, reward_file = tmp_path / "answer.txt", tmp_path / "reward.txt"
    answer_file.write_text(answer)
    env = {"PATH": "/usr/bin:/bin", "AGENTBENCH_WORKDIR": str(tmp_path), "AGENTBENCH_ANSWER_FILE": str(answer_file),
           "AGENTBENCH_REWARD_FILE": str(reward_file), "AGENTBENCH_TESTS_DIR": str(tests)}
    proc = subprocess.run([sys.executable, "-s", "-E", str(tests / "verify.py")], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert reward_file.read_text().strip() in ("1.0000", "0.0000"), proc.stdout + proc.stderr
    return proc.returncode


@pytest.mark.parametrize("task", sorted(RIGHT))
def test_answer_variants(task: str, tmp_path: Path) -> None:
    for answer in RIGHT[task]:
        assert _verify(task, answer, tmp_path) == 0, answer
    for answer in WRONG[task]:
        assert _verify(task, answer, tmp_path) == 1, answer
