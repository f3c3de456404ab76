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

import atexit
import base64
import contextlib
import datetime as dt
import fnmatch
import functools
import hashlib
import importlib
import io
import json
import os
import pwd
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
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
AGENT_CALL_TIMEOUT_S = 30
WORKER_START_TIMEOUT_S = 300
"""How long the worker's interpreter may take to start; not the agent's time (its code runs only after)."""
_READY = b'{"ready": true}'
_MAX_REPLY_BYTES = 32 * 2**20


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
    """Copy the agent's `sources` (no symlinks, no conftest.py), read-only to everyone but root."""
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
    for folder, dirs, files in os.walk(into):
        os.chmod(folder, 0o755)
        for name in files:
            if not os.path.islink(os.path.join(folder, name)):
                os.chmod(os.path.join(folder, name), 0o644)


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


def _start_as_agent(command: list[str], cwd: Path, home: Path, pass_fds: tuple[int, ...] = (), **streams: object) -> subprocess.Popen:
    """Start `command` as the agent user (when we are root) in a scrubbed environment and its own session."""
    ids = _agent_ids()
    if ids is not None:
        os.chown(home, *ids)
    env = {"PATH": SAFE_PATH, "HOME": str(home), "TMPDIR": str(home), "LANG": "C.UTF-8", "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    switch = {"user": ids[0], "group": ids[1], "extra_groups": []} if ids is not None else {}
    return subprocess.Popen(command, cwd=cwd, env=env, pass_fds=pass_fds, start_new_session=True, **switch, **streams)


def _spawn(command: list[str], cwd: Path, home: Path, timeout: float, stdin: bytes | None) -> AgentRun:
    """Run `command` as the agent user to its end; afterwards kill every process of the agent
    user, so nothing it started outlives it."""
    process = _start_as_agent(command, cwd, home, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = process.communicate(stdin, timeout=timeout)
        exit_code: int | None = process.returncode
    except subprocess.TimeoutExpired:
        exit_code, out, err = None, b"", f"timed out after {timeout:.0f} s".encode()
    _kill_user(_agent_ids(), process.pid)
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


# The agent's code, at arm's length. Tests call it through `agent_module()`: each call runs in a
# worker process of the agent user and only plain data (and opaque handles) comes back, so no
# object of the agent's, and no code of its, ever runs in the pytest process that decides.

_PLAIN_TAGS = {"list": list, "tuple": tuple, "set": set, "frozenset": frozenset}
_PLAIN_TYPES = (type(None), bool, int, float, str, list, tuple, set, frozenset, dict, bytes, Decimal,
                dt.date, dt.datetime, dt.time, dt.timedelta)


class AgentError(Exception):
    """The agent's code gave no answer: its worker crashed, hung or broke the protocol."""


def _encode(value: object, keep: Callable[[object], dict] | None) -> object:
    """`value` as JSON-able plain data; `keep(obj)` turns anything else into a handle (None: refuse)."""
    kind = type(value)
    if value is None or kind in (bool, int, str):
        return value
    if kind is float:
        return {"t": "float", "v": repr(value)}
    if kind in (list, tuple, set, frozenset):
        return {"t": kind.__name__, "v": [_encode(item, keep) for item in value]}
    if kind is dict:
        return {"t": "dict", "v": [[_encode(k, keep), _encode(v, keep)] for k, v in value.items()]}
    if kind in (dt.date, dt.datetime, dt.time):
        return {"t": kind.__name__, "v": value.isoformat()}
    if kind is dt.timedelta:
        return {"t": "timedelta", "v": [value.days, value.seconds, value.microseconds]}
    if kind is Decimal:
        return {"t": "decimal", "v": str(value)}
    if kind is bytes:
        return {"t": "bytes", "v": base64.b64encode(value).decode()}
    if isinstance(value, AgentObject):
        return {"t": "ref", "ref": value._ref}
    if keep is None:
        raise TypeError(f"only plain data and the agent's own objects can cross to the agent's code, not {kind.__name__}")
    return keep(value)


def _decode(data: object, make_ref: Callable[[dict], object]) -> object:
    """Plain data from `_encode`'s JSON; handles through `make_ref(data)`. Anything else is refused."""
    if data is None or type(data) in (bool, int, str):
        return data
    if type(data) is not dict or type(data.get("t")) is not str:
        raise AgentError(f"not a value of the protocol: {str(data)[:80]}")
    tag, v = data["t"], data.get("v")
    if tag in _PLAIN_TAGS and type(v) is list:
        return _PLAIN_TAGS[tag](_decode(item, make_ref) for item in v)
    if tag == "dict" and type(v) is list and all(type(p) is list and len(p) == 2 for p in v):
        return {_decode(k, make_ref): _decode(x, make_ref) for k, x in v}
    if type(v) is str:
        if tag == "float":
            return float(v)
        if tag in ("date", "datetime", "time"):
            return getattr(dt, tag).fromisoformat(v)
        if tag == "decimal":
            return Decimal(v)
        if tag == "bytes":
            return base64.b64decode(v)
    if tag == "timedelta" and type(v) is list and all(type(x) is int for x in v):
        return dt.timedelta(*v)
    if tag in ("ref", "exception_class"):
        return make_ref(data)
    raise AgentError(f"not a value of the protocol: {str(data)[:80]}")


class AgentObject:
    """A module, function, class or object of the agent's, held by the worker.

    Attribute reads and calls go to the worker and return plain data or another handle;
    nothing else is forwarded, so `==`, `bool()`, `hash()` and iteration are a handle's own
    (identity). Compare what it returns, e.g. `total.cents == 810`, not `total == Money(810)`.
    """

    __slots__ = ("_ref", "_label")

    def __init__(self, ref: dict, label: str) -> None:
        object.__setattr__(self, "_ref", ref)
        object.__setattr__(self, "_label", label)

    def __getattr__(self, name: str) -> object:
        __tracebackhide__ = True
        return _worker().request({"op": "getattr", "of": self._ref, "name": name})

    def __setattr__(self, name: str, value: object) -> None:
        _worker().request({"op": "setattr", "of": self._ref, "name": name, "value": _encode(value, None)})

    def __call__(self, *args: object, **kwargs: object) -> object:
        __tracebackhide__ = True
        return _worker().request({"op": "call", "of": self._ref, "args": [_encode(a, None) for a in args],
                                  "kwargs": {k: _encode(v, None) for k, v in kwargs.items()}})

    def __repr__(self) -> str:
        return f"<agent's {self._label}>"


class _Worker:
    """The one worker of this pytest process: an interpreter of the agent user that imports the
    agent's modules and answers requests over two pipes, one JSON line each way.

    A call that outlives its timeout (run_pytest's `call_timeout`) kills it and fails every later call (the
    suite has failed; waiting out each call would only make a beaten run slow). The clock starts once
    the worker says it is ready: a slow interpreter start on a loaded machine is not the agent's. A
    worker that died (the agent's code exited) is replaced for the next call; handles of the old one are gone.
    """

    def __init__(self, sources: Path, home: Path, runtime: Path, call_timeout: float) -> None:
        self.sources, self.home, self.runtime, self.call_timeout = sources, home, runtime, call_timeout
        self.process: subprocess.Popen | None = None
        self.generation = 0
        self.broken = ""
        self.exceptions: dict[str, type] = {}

    def _start(self) -> None:
        to_worker, from_parent = os.pipe()
        to_parent, from_worker = os.pipe()
        os.set_inheritable(from_parent, True)
        os.set_inheritable(from_worker, True)
        stderr = open(self.home / f"worker-{self.generation}.log", "wb")
        self.process = _start_as_agent(
            [sys.executable, "-I", "-B", str(self.runtime), "--serve", str(self.sources), str(to_worker), str(from_worker),
             str(self.generation)],
            self.home, self.home, pass_fds=(to_worker, from_worker), stdin=subprocess.DEVNULL, stdout=stderr, stderr=stderr,
        )
        stderr.close()
        os.close(to_worker)
        os.close(from_worker)
        self.send_fd, self.recv_fd, self.pending = from_parent, to_parent, b""
        self.generation += 1
        try:
            ready = self._reply(time.monotonic() + WORKER_START_TIMEOUT_S)
        except TimeoutError:
            self.stop()
            self.broken = f"the worker for the agent's code did not start within {WORKER_START_TIMEOUT_S} s"
            raise AgentError(self.broken) from None
        if ready != _READY:
            self.stop()
            self.broken = "the agent's process broke the protocol"
            raise AgentError(self.broken)

    def stop(self) -> None:
        if self.process is not None:
            _kill_user(_agent_ids(), self.process.pid)
            self.process.wait()
            os.close(self.send_fd)
            os.close(self.recv_fd)
            self.process = None

    def _reply(self, deadline: float) -> bytes:
        while b"\n" not in self.pending:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.recv_fd], [], [], left)[0]:
                raise TimeoutError
            chunk = os.read(self.recv_fd, 65536)
            if not chunk:
                raise EOFError
            self.pending += chunk
            if len(self.pending) > _MAX_REPLY_BYTES:
                raise AgentError("the agent's code answered with more than 32 MB")
        line, self.pending = self.pending.split(b"\n", 1)
        return line

    def request(self, message: dict) -> object:
        __tracebackhide__ = True
        if self.broken:
            raise AgentError(self.broken)
        try:
            if self.process is None:
                self._start()
            os.write(self.send_fd, json.dumps(message).encode() + b"\n")
            reply = json.loads(self._reply(time.monotonic() + self.call_timeout))
        except TimeoutError:
            self.stop()
            self.broken = f"the agent's code did not answer within {self.call_timeout:.0f} s (every later call fails)"
            raise AgentError(self.broken) from None
        except (EOFError, BrokenPipeError):
            log = (self.home / f"worker-{self.generation - 1}.log").read_text(errors="replace")[-1500:]
            self.stop()
            raise AgentError(f"the agent's code ended its process:\n{log}") from None
        except (ValueError, RecursionError) as exc:
            raise AgentError(f"the agent's process broke the protocol: {exc}") from None
        if type(reply) is not dict:
            raise AgentError("the agent's process broke the protocol")
        if type(reply.get("out")) is str:
            sys.stdout.write(reply["out"])
        if "raised" in reply:
            raise self._exception(reply["raised"])
        return self._value(reply.get("value"))

    def _value(self, data: object) -> object:
        try:
            return _decode(data, self._handle)
        except (ValueError, TypeError, RecursionError, OverflowError) as exc:
            raise AgentError(f"the agent's process broke the protocol: {exc}") from None

    def _handle(self, data: dict) -> object:
        if data["t"] == "exception_class":
            return self._exception_class(data.get("cls"), data.get("classes"))
        ref = data.get("ref")
        if type(ref) is not dict or not (type(ref.get("path")) is list and all(type(p) is str for p in ref["path"])
                                         or type(ref.get("id")) is int and type(ref.get("gen")) is int):
            raise AgentError("the agent's process broke the protocol (a bad handle)")
        ref = {"path": ref["path"]} if "path" in ref else {"id": ref["id"], "gen": ref["gen"]}
        return AgentObject(ref, str(data.get("label", "object"))[:200])

    def _exception_class(self, key: object, classes: object, seen: frozenset = frozenset()) -> type:
        """A local stand-in for an exception class of the agent's (same name and bases; real
        builtins for builtin ones, never BaseException-only ones such as SystemExit)."""
        import builtins

        if type(key) is not str or type(classes) is not dict or key in seen:
            return Exception
        module, _, name = key.partition(":")
        if module == "builtins":
            found = getattr(builtins, name, None)
            return found if isinstance(found, type) and issubclass(found, Exception) else Exception
        if key not in self.exceptions:
            entry = classes.get(key)
            bases = entry.get("bases") if type(entry) is dict else None
            parents = tuple(dict.fromkeys(self._exception_class(b, classes, seen | {key}) for b in bases or []))
            parents = tuple(p for p in parents if not any(p is not q and issubclass(q, p) for q in parents)) or (Exception,)
            body = {"__module__": f"agent:{module}", "__str__": lambda self: getattr(self, "_agent_message", "")}
            try:
                self.exceptions[key] = type(name.rpartition(".")[2] or "AgentException", parents, body)
            except TypeError:
                self.exceptions[key] = type(name.rpartition(".")[2] or "AgentException", (Exception,), body)
        return self.exceptions[key]

    def _exception(self, data: object) -> BaseException:
        if type(data) is not dict:
            return AgentError("the agent's process broke the protocol")
        cls = self._exception_class(data.get("cls"), data.get("classes"))
        args = self._value(data.get("args")) if data.get("args") is not None else (str(data.get("message", "")),)
        try:
            exc = cls(*args) if type(args) is tuple else cls(str(data.get("message", "")))
        except Exception:
            exc = cls(str(data.get("message", "")))
        if cls.__module__.startswith("agent:"):
            exc._agent_message = str(data.get("message", ""))
            attrs = self._value(data.get("attrs")) if data.get("attrs") is not None else {}
            for attr, value in (attrs.items() if type(attrs) is dict else ()):
                if type(attr) is str and not attr.startswith("_") and not hasattr(BaseException, attr):
                    setattr(exc, attr, value)
        return exc


@functools.cache
def _worker() -> _Worker:
    """This process's worker (one per pytest run, like one interpreter importing the agent's code)."""
    try:
        sources, home, runtime = (Path(os.environ[k]) for k in ("ABVERIFY_SOURCES", "ABVERIFY_HOME", "ABVERIFY_RUNTIME"))
    except KeyError:
        raise AgentError("agent_module() works in tests run by abverify.run_pytest() only") from None
    worker = _Worker(sources, home, runtime, float(os.environ.get("ABVERIFY_CALL_TIMEOUT_S", AGENT_CALL_TIMEOUT_S)))
    atexit.register(worker.stop)
    return worker


def agent_module(name: str) -> AgentObject:
    """The agent's module `name`, imported in the worker: `calc = agent_module("calc")`, then
    `calc.evaluate("1 + 2") == 3`. Import errors are raised here, as by `import`."""
    return _worker().request({"op": "import", "name": name})


def _serve(sources: str, requests_fd: int, replies_fd: int, generation: int) -> None:
    """The worker's loop (as the agent user): answer each request with plain data or a handle."""
    sys.path.append(sources)
    os.dup2(2, 1)
    objects: list[object] = []

    def keep(value: object, path: list[str] | None) -> dict:
        label = getattr(type(value), "__qualname__", "object")
        if isinstance(value, type) and issubclass(value, BaseException):
            return {"t": "exception_class", **_describe_class(value)}
        if path is not None:
            return {"t": "ref", "ref": {"path": path}, "label": ".".join(path)}
        objects.append(value)
        return {"t": "ref", "ref": {"id": len(objects) - 1, "gen": generation}, "label": f"{label} object"}

    def resolve(ref: dict) -> object:
        if "id" in ref:
            if ref["gen"] != generation:
                raise ReferenceError("this object of the agent's died with an earlier worker (the agent's code exited)")
            return objects[ref["id"]]
        target = importlib.import_module(ref["path"][0])
        for name in ref["path"][1:]:
            target = getattr(target, name)
        return target

    def load(data: object) -> object:
        return _decode(data, lambda d: resolve(d["ref"]))

    def answer(request: dict) -> object:
        ref = request.get("of", {})
        if request["op"] == "import":
            importlib.import_module(request["name"])
            return keep(None, [request["name"]])
        target = resolve(ref)
        if request["op"] == "getattr":
            value = getattr(target, request["name"])
            if "path" in ref and type(value) not in _PLAIN_TYPES:
                return keep(value, ref["path"] + [request["name"]])
            return _encode(value, lambda v: keep(v, None))
        if request["op"] == "setattr":
            setattr(target, request["name"], load(request["value"]))
            return None
        args = [load(a) for a in request["args"]]
        kwargs = {k: load(v) for k, v in request["kwargs"].items()}
        return _encode(target(*args, **kwargs), lambda v: keep(v, None))

    with os.fdopen(requests_fd, "rb") as requests, os.fdopen(replies_fd, "wb") as replies:
        replies.write(_READY + b"\n")
        replies.flush()
        for line in requests:
            out = io.StringIO()
            try:
                with contextlib.redirect_stdout(out):
                    reply: dict = {"value": answer(json.loads(line))}
            except BaseException as exc:  # the agent's SystemExit too: it is the call's outcome
                reply = {"raised": _describe_exception(exc)}
            reply["out"] = out.getvalue()
            try:
                text = json.dumps(reply)
            except (TypeError, ValueError, RecursionError) as exc:
                text = json.dumps({"raised": _describe_exception(TypeError(f"the agent's answer is not plain data: {exc}"))})
            replies.write(text.encode() + b"\n")
            replies.flush()


def _describe_class(cls: type) -> dict:
    key = lambda c: f"{c.__module__}:{c.__qualname__}"  # noqa: E731
    return {"cls": key(cls), "classes": {key(c): {"bases": [key(b) for b in c.__bases__]} for c in cls.__mro__}}


def _describe_exception(exc: BaseException) -> dict:
    def plain(value: object) -> object:
        try:
            return _encode(value, None)
        except (TypeError, RecursionError):
            return None

    return {**_describe_class(type(exc)), "message": str(exc), "args": plain(tuple(exc.args)),
            "attrs": plain({k: v for k, v in vars(exc).items() if type(k) is str}) if hasattr(exc, "__dict__") else None}


def run_pytest(suite: str | Path, sources: list[str], timeout: float = PYTEST_TIMEOUT_S, source_root: Path | None = None,
               call_timeout: float = AGENT_CALL_TIMEOUT_S) -> PytestResult:
    """Run tests/<suite> (the task's own copy, or a folder of tests the verifier prepared) against
    a copy of the agent's `sources`, taken from `source_root` (the working dir by default).

    pytest runs as root over root-only copies of the tests, with an empty ini (`-c`), rootdir
    and confcutdir pinned, no plugin autoload, no cache, `python -I -B`, a scrubbed environment;
    the agent's code is not on its path. The tests reach it only through `agent_module()`,
    which runs it in a worker of the agent user and returns plain data; a call taking longer
    than `call_timeout` fails, and so does every later one. The JUnit report is
    written into a root-only folder and pytest's exit code must be 0; afterwards every process
    of the agent user is killed.
    """
    tests = suite if isinstance(suite, Path) else TESTS / suite
    name = tests.name
    base = Path(tempfile.mkdtemp(prefix="abverify-"))
    try:
        os.chmod(base, 0o755)
        _copy_sources(sources, base / "src", WORK if source_root is None else source_root)
        for private in ("suite", "report", "root-home"):
            (base / private).mkdir(mode=0o700)
        shutil.copytree(tests, base / "suite" / name, ignore=shutil.ignore_patterns("__pycache__"))
        (base / "runtime").mkdir(mode=0o755)
        runtime = base / "runtime" / "abverify.py"
        shutil.copyfile(Path(__file__), runtime)
        os.chmod(runtime, 0o644)
        ini = base / "suite" / "pytest.ini"
        ini.write_text("[pytest]\n")
        (base / "home").mkdir()
        report = base / "report" / "junit.xml"
        command = [
            sys.executable, "-I", "-B", "-c", _BOOT, str(runtime.parent),
            "-q", "-p", "no:cacheprovider", "-c", str(ini), "--rootdir", str(base / "suite"),
            "--confcutdir", str(base / "suite"), f"--junitxml={report}", str(base / "suite" / name),
        ]
        env = {"PATH": SAFE_PATH, "HOME": str(base / "root-home"), "LANG": "C.UTF-8", "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
               "ABVERIFY_SOURCES": str(base / "src"), "ABVERIFY_HOME": str(base / "home"), "ABVERIFY_RUNTIME": str(runtime),
               "ABVERIFY_CALL_TIMEOUT_S": str(call_timeout)}
        process = subprocess.Popen(command, cwd=base / "root-home", env=env, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            out, _ = process.communicate(timeout=timeout)
            exit_code: int | None = process.returncode
        except subprocess.TimeoutExpired:
            exit_code, out = None, b""
        _kill_user(_agent_ids(), process.pid)
        process.wait()
        result = PytestResult(exit_code, output=out.decode(errors="replace"))
        if exit_code is None:
            result.problem = f"{name} tests timed out after {timeout:.0f} s"
            return result
        try:
            root = ET.parse(report).getroot()
        except (OSError, ET.ParseError) as exc:
            result.problem = f"{name} tests left no JUnit report ({exc})"
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


if __name__ == "__main__" and sys.argv[1:2] == ["--serve"]:
    _serve(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
