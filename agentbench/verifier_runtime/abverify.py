"""The verifier runtime: what every task's tests/verify.py imports (`from abverify import ...`).

agentbench copies this file into the sandbox beside a task's tests after the agent has stopped
and every process of the agent has been killed; tests/test.sh runs verify.py with
`python3 -s -E`, so the tests folder is the first thing on sys.path and no user site or
PYTHON* variable applies. Standard library only, no agentbench import: it runs in the sandbox.

- answers: `answer()` is the submitted answer under the one rule of `normalise()`.
- results: `finish()` writes the reward (fraction of checks passed, 0 if a gate failed);
  `Checks` collects checks and gates for it.
- protected files: `protected_changes()` compares the working directory with the checksums
  `agentbench tasks validate` keeps in tests/meta.json.
- code: `run_pytest()` runs the task's own copy of a test folder against the agent's code, as
  the unprivileged agent user, in a scrubbed environment, with pytest's config pinned;
  `run_as_agent()` runs any other command of the agent's the same way; `git()` reads a copy of
  a repository the agent built with none of its configuration.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

WORK = Path(os.environ.get("AGENTBENCH_WORKDIR", "."))
TESTS = Path(os.environ.get("AGENTBENCH_TESTS_DIR", Path(__file__).resolve().parent))
AGENT_USER = "agent"
SAFE_PATH = "/usr/local/bin:/usr/bin:/bin"
PYTEST_TIMEOUT_S = 90

_WRAPPERS = (("```", "```"), ("**", "**"), ("__", "__"), ("`", "`"), ('"', '"'), ("'", "'"), ("\u201c", "\u201d"), ("\u2018", "\u2019"))
_FENCE = re.compile(r"^```[\w+-]*\n(.*)\n```$", re.S)
_SPACE = re.compile(r"\s+")
_AROUND_SEPARATOR = re.compile(r"\s*([:,;=])\s*")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def normalise(text: str) -> str:
    """The one answer rule (tasks/README.md): what is compared of an answer and of its truth.

    Trim; unwrap a fenced code block and any surrounding pair of backticks, quotes, `**` or `__`
    (repeatedly); lower-case; collapse whitespace to one space and drop it around `:` `,` `;` `=`;
    drop thousands separators (`1,234,567.5` -> `1234567.5`).
    """
    text = text.strip()
    changed = True
    while changed:
        changed = False
        fenced = _FENCE.match(text)
        if fenced:
            text, changed = fenced.group(1).strip(), True
        for opening, closing in _WRAPPERS:
            if len(text) >= len(opening) + len(closing) and text.startswith(opening) and text.endswith(closing):
                text, changed = text[len(opening) : len(text) - len(closing)].strip(), True
                break
    text = _SPACE.sub(" ", text.lower())
    text = _AROUND_SEPARATOR.sub(r"\1", text)
    return _THOUSANDS.sub("", text)


def raw_answer() -> str:
    """The answer exactly as submitted ('' when the agent submitted nothing)."""
    path = os.environ.get("AGENTBENCH_ANSWER_FILE")
    if not path or not os.path.exists(path):
        return ""
    return Path(path).read_text(encoding="utf-8", errors="replace")


def answer() -> str:
    """The submitted answer under `normalise()`."""
    return normalise(raw_answer())


def same(given: str, expected: str) -> bool:
    """Whether two answers are equal under `normalise()`."""
    return normalise(given) == normalise(expected)


def number(text: str) -> Decimal | None:
    """`text` as a number (thousands separators and surrounding space allowed), None if it is not one."""
    try:
        return Decimal(normalise(text).replace(" ", ""))
    except InvalidOperation:
        return None


def finish(passed: int, total: int, notes: list[str], gates_ok: bool = True) -> None:
    """Print what failed, write the reward and exit: 0 only when every check passed.

    The reward is the fraction of checks passed; a failed gate (a requirement that doing nothing
    meets, such as "the tests are unchanged") makes it 0, so it never earns credit on its own.
    """
    for note in notes:
        print(note)
    reward = passed / total if total and gates_ok else 0.0
    reward_file = os.environ.get("AGENTBENCH_REWARD_FILE")
    if reward_file:
        Path(reward_file).write_text(f"{reward:.4f}\n")
    print(f"{passed}/{total} checks passed" + ("" if gates_ok else " (a gate failed: reward 0)"))
    sys.exit(0 if passed == total and gates_ok else 1)


class Checks:
    """Checks and gates collected one at a time, then passed to `finish()`.

    `check()` is a requirement that earns credit; `gate()` one that doing nothing also meets
    (it earns nothing, its failure zeroes the reward). `all_or_nothing` makes every check a
    gate too: the reward is 1 or 0 (the `hard` tasks: solved or not).
    """

    def __init__(self, all_or_nothing: bool = False) -> None:
        self.all_or_nothing = all_or_nothing
        self.results: list[bool] = []
        self.gates: list[bool] = []
        self.notes: list[str] = []

    def check(self, ok: object, note: str) -> bool:
        self.results.append(bool(ok))
        if not ok:
            self.notes.append(note)
        return bool(ok)

    def gate(self, ok: object, note: str) -> bool:
        self.gates.append(bool(ok))
        if not ok:
            self.notes.append(note)
        return bool(ok)

    def finish(self) -> None:
        """`finish()` with what was collected (exits)."""
        gates_ok = all(self.gates) and (all(self.results) or not self.all_or_nothing)
        finish(sum(self.results), len(self.results), self.notes, gates_ok)


def meta() -> dict:
    """tests/meta.json."""
    return json.loads((TESTS / "meta.json").read_text(encoding="utf-8"))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def protected_changes(info: dict | None = None) -> list[str]:
    """Protected files (meta.json `protected` globs) that were changed, removed or added."""
    info = meta() if info is None else info
    recorded: dict[str, str] = info.get("checksums", {})
    present = {
        (Path(folder) / name).relative_to(WORK).as_posix()
        for folder, dirs, files in os.walk(WORK)
        for name in files + [d for d in dirs if os.path.islink(os.path.join(folder, d))]
        if "__pycache__" not in Path(folder).parts
    }
    now = {rel for rel in present if any(fnmatch.fnmatchcase(rel, pattern) for pattern in info.get("protected", []))}
    bad = sorted(rel for rel in now - set(recorded))
    for rel, digest in recorded.items():
        path = WORK / rel
        if path.is_symlink() or not path.is_file() or sha256(path) != digest:
            bad.append(rel)
    return sorted(set(bad))


@dataclass
class PytestResult:
    """What one pytest run reported, read from a pipe only the harness's end can read."""

    exit_code: int | None
    counts: dict[str, int] = field(default_factory=dict)
    output: str = ""
    problem: str = ""

    def passed(self, expected: int) -> bool:
        c = self.counts
        return (
            not self.problem
            and self.exit_code == 0
            and c.get("tests") == expected
            and c.get("failures") == c.get("errors") == c.get("skipped") == 0
        )

    def describe(self, expected: int) -> str:
        tail = "\n".join(self.output.strip().splitlines()[-15:])
        why = self.problem or f"exit {self.exit_code}, {self.counts} (expected {expected} passing)"
        return f"{why}\n{tail}"


_BOOT = "import sys, pytest; sys.path.append(sys.argv[1]); sys.exit(pytest.main(sys.argv[2:]))"


def _agent_ids() -> tuple[int, int] | None:
    """(uid, gid) of the sandbox's agent user, or None outside a sandbox image (the `local` sandbox)."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam(AGENT_USER)
    except KeyError:
        return None
    return entry.pw_uid, entry.pw_gid


def _copy_sources(sources: list[str], into: Path, root: Path) -> None:
    into.mkdir()
    for rel in sources:
        path = root / rel
        if path.is_symlink():
            continue
        if path.is_dir():
            shutil.copytree(path, into / rel, symlinks=True, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "conftest.py"))
        elif path.is_file():
            (into / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, into / rel)


def _live_processes(uid: int) -> list[str]:
    """Pids of the live (not zombie) processes whose real uid is `uid`."""
    alive = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            status = dict(line.split(":", 1) for line in (proc / "status").read_text().splitlines() if ":" in line)
        except (OSError, ValueError):
            continue
        if status.get("Uid", "").split()[:1] == [str(uid)] and not status.get("State", "").strip().startswith("Z"):
            alive.append(proc.name)
    return alive


def _kill_user(ids: tuple[int, int] | None, group: int) -> None:
    """Kill the run and everything it left behind: the whole agent uid when we switched to it.

    `kill -9 -1` misses a process forked while it runs, so it is repeated until no live
    process of the agent user is left.
    """
    try:
        os.killpg(group, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if ids is None:
        return
    for _ in range(200):
        subprocess.run(["/bin/kill", "-9", "-1"], user=ids[0], group=ids[1], extra_groups=[], env={"PATH": SAFE_PATH}, check=False)
        left = _live_processes(ids[0])
        if not left:
            return
    raise RuntimeError(f"processes of the agent's code still alive after the kill: {left}")


@dataclass
class AgentRun:
    """How a command of the agent's ended: exit code (None when it timed out) and its output."""

    exit_code: int | None
    stdout: str
    stderr: str


def _spawn(command: list[str], cwd: Path, home: Path, timeout: float, stdin: bytes | None,
           pass_fds: tuple[int, ...] = ()) -> AgentRun:
    """Run `command` as the agent user (when we are root) in a scrubbed environment and its own
    session; afterwards kill every process of the agent user, so nothing it started outlives it."""
    ids = _agent_ids()
    if ids is not None:
        os.chown(home, *ids)
        for fd in pass_fds:
            os.fchown(fd, *ids)
    env = {"PATH": SAFE_PATH, "HOME": str(home), "TMPDIR": str(home), "LANG": "C.UTF-8", "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    switch = {"user": ids[0], "group": ids[1], "extra_groups": []} if ids is not None else {}
    process = subprocess.Popen(
        command, cwd=cwd, env=env, pass_fds=pass_fds, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, **switch,
    )
    for fd in pass_fds:
        os.close(fd)
    try:
        out, err = process.communicate(stdin, timeout=timeout)
        exit_code: int | None = process.returncode
    except subprocess.TimeoutExpired:
        exit_code, out, err = None, b"", f"timed out after {timeout:.0f} s".encode()
    _kill_user(ids, process.pid)
    process.wait()
    return AgentRun(exit_code, out.decode(errors="replace"), err.decode(errors="replace"))


def run_as_agent(command: list[str], cwd: Path, timeout: float = 60, stdin: bytes | None = None) -> AgentRun:
    """Run a command that executes the agent's code (its script, its module under our harness).

    As the unprivileged agent user, in a scrubbed environment (PATH, HOME, TMPDIR, LANG only),
    HOME a fresh folder; every process of the agent user is killed when it ends. Whatever it
    writes is the agent's word: give it folders of its own to write to and check the results.
    """
    home = Path(tempfile.mkdtemp(prefix="abverify-home-"))
    try:
        return _spawn(command, cwd, home, timeout, stdin)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def run_pytest(suite: str | Path, sources: list[str], timeout: float = PYTEST_TIMEOUT_S, source_root: Path | None = None) -> PytestResult:
    """Run tests/<suite> (the task's own copy, or a folder of tests the verifier prepared) against
    the agent's `sources`, copied from `source_root` (the working dir by default).

    The run directory is made by root under a fresh temporary directory: the agent's sources
    (without conftest.py) and the tests, both read-only to the agent user; pytest gets an empty
    ini (`-c`), rootdir and confcutdir pinned there, no plugin autoload, no cache, `python -I -B`,
    a scrubbed environment and the agent user's uid. Its JUnit report goes down a pipe, so
    nothing the agent's code leaves behind can rewrite it, and its exit code must be 0.
    """
    tests = suite if isinstance(suite, Path) else TESTS / suite
    name = tests.name
    base = Path(tempfile.mkdtemp(prefix="abverify-"))
    try:
        os.chmod(base, 0o755)
        _copy_sources(sources, base / "src", WORK if source_root is None else source_root)
        shutil.copytree(tests, base / "suite" / name)
        ini = base / "pytest.ini"
        ini.write_text("[pytest]\n")
        home = base / "home"
        home.mkdir()
        read_end, write_end = os.pipe()
        command = [
            sys.executable, "-I", "-B", "-c", _BOOT, str(base / "src"),
            "-q", "-p", "no:cacheprovider", "-c", str(ini), "--rootdir", str(base / "suite"),
            "--confcutdir", str(base / "suite"), f"--junitxml=/dev/fd/{write_end}", str(base / "suite" / name),
        ]
        chunks: list[bytes] = []
        reader = threading.Thread(target=lambda: chunks.extend(iter(lambda: os.read(read_end, 65536), b"")), daemon=True)
        reader.start()
        run = _spawn(command, home, home, timeout, None, pass_fds=(write_end,))
        reader.join(timeout=10)
        os.close(read_end)
        result = PytestResult(run.exit_code, output=run.stdout + run.stderr)
        if run.exit_code is None:
            result.problem = f"{name} tests timed out after {timeout:.0f} s"
            return result
        try:
            root = ET.fromstring(b"".join(chunks))
        except ET.ParseError as exc:
            result.problem = f"{name} tests left no single JUnit report ({exc})"
            return result
        suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
        if len(suites) != 1:
            result.problem = f"{name} tests: {len(suites)} test suites in the report"
            return result
        result.counts = {k: int(suites[0].get(k, 0)) for k in ("tests", "failures", "errors", "skipped")}
        return result
    finally:
        shutil.rmtree(base, ignore_errors=True)


def git(git_dir: Path, *args: str) -> tuple[int, bytes]:
    """Run a reading git command, as root, on a copy of the agent's repository `git_dir`.

    The copy (`copy_repository`) has none of the agent's configuration, hooks, alternates,
    grafts or worktree links; system and global config, replace refs and pagers are off.
    """
    env = {"PATH": SAFE_PATH, "LANG": "C.UTF-8", "GIT_DIR": str(git_dir), "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_NO_REPLACE_OBJECTS": "1", "GIT_PAGER": "cat", "HOME": str(git_dir)}
    proc = subprocess.run(["git", "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", *args],
                          env=env, capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
    return proc.returncode, proc.stdout


def copy_repository(source: Path, into: Path) -> Path | None:
    """A bare copy of the agent's `.git` folder at `into` for `git()` (None when `source` is not a real folder)."""
    if not source.is_dir() or source.is_symlink():
        return None
    shutil.copytree(source, into, symlinks=True)
    for rel in ("hooks", "info", "commondir", "config", "config.worktree", "worktrees", "shallow",
                "objects/info/alternates", "objects/info/http-alternates"):
        path = into / rel
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
    (into / "config").write_text("[core]\n\trepositoryformatversion = 0\n\tbare = true\n")
    return into


def pytest_checks(notes: list[str], info: dict | None = None) -> tuple[bool, list[bool]]:
    """The code-repair checks of meta.json: (protected files unchanged, one bool per suite that must pass).

    meta.json: `sources` (paths copied from the working dir), `suites` ({folder under tests/:
    number of tests that must pass}), `protected`/`checksums` (see `protected_changes`).
    """
    info = meta() if info is None else info
    changed = protected_changes(info)
    if changed:
        notes.append(f"protected files were modified, added or removed: {changed}")
    results = []
    for suite, expected in info["suites"].items():
        result = run_pytest(suite, info["sources"])
        ok = result.passed(expected)
        if not ok:
            notes.append(f"{suite} tests: {result.describe(expected)}")
        results.append(ok)
    return not changed, results
