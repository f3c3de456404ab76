"""Shared checks for this task's verifier (standard library only; runs as root after the agent stopped)."""
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

WORK = Path(os.environ.get("AGENTBENCH_WORKDIR", ".")).resolve()
TESTS = Path(os.environ["AGENTBENCH_TESTS_DIR"]).resolve()
SAFE_ENV = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1"}


def answer():
    """The submitted answer, '' when none."""
    path = os.environ.get("AGENTBENCH_ANSWER_FILE")
    if not path or not os.path.exists(path):
        return ""
    return Path(path).read_text(encoding="utf-8", errors="replace")


def normalise(text, fold_case=True):
    """Trim, drop surrounding quotes/backticks/bold, collapse whitespace, drop thousands separators."""
    text = text.strip()
    previous = None
    while text != previous:
        previous = text
        text = text.strip()
        for mark in ("**", "__", "```", "`", '"', "'"):
            if len(text) >= 2 * len(mark) and text.startswith(mark) and text.endswith(mark):
                text = text[len(mark):-len(mark)]
    text = " ".join(text.split())
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)
    return text.lower() if fold_case else text


def _can_drop_privileges():
    try:
        probe = subprocess.run(["setpriv", "--reuid=1000", "--regid=1000", "--clear-groups", "true"],
                               env=SAFE_ENV, capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


def _start_time(pid):
    """Clock ticks since boot at which `pid` started (None when it is gone)."""
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19])
    except (OSError, IndexError, ValueError):
        return None


def _in_sandbox():
    """True only inside an agentbench sandbox container (its init prepares /agentbench), never on a host."""
    try:
        init = Path("/proc/1/cmdline").read_bytes()
    except OSError:
        return False
    return init.startswith(b"/sbin/docker-init") and b"/agentbench" in init


def _kill_started_since(ticks):
    """Kill every process started at or after `ticks` but this one: all the untrusted run left behind,
    including what escaped its session (the agent's own processes were stopped before verification)."""
    for _ in range(20):
        found = False
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) == os.getpid():
                continue
            started = _start_time(entry.name)
            if started is not None and started >= ticks:
                try:
                    os.kill(int(entry.name), signal.SIGKILL)
                    found = True
                except (ProcessLookupError, PermissionError):
                    pass
        if not found:
            return


def run_untrusted(cmd, cwd, timeout=60, stdin=None):
    """Run the agent's code: as uid 1000 where the sandbox allows it, in a scrubbed environment;
    afterwards every process started since is killed (nothing it starts outlives the call)."""
    prefix = ["setpriv", "--reuid=1000", "--regid=1000", "--clear-groups"] if _can_drop_privileges() else []
    env = dict(SAFE_ENV, HOME=str(cwd))
    proc = subprocess.Popen(prefix + cmd, cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    started = _start_time(proc.pid)
    try:
        out, err = proc.communicate(stdin.encode() if isinstance(stdin, str) else stdin, timeout=timeout)
        code = proc.returncode
    except subprocess.TimeoutExpired:
        out, err, code = b"", b"timed out", None
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
        if started is not None and _in_sandbox():
            _kill_started_since(started)
    return code, out.decode(errors="replace"), err.decode(errors="replace")


class Checks:
    """One check per independent requirement; reward 1 only when every check passed (no partial credit)."""

    def __init__(self):
        self.passed, self.total, self.notes = 0, 0, []

    def check(self, ok, note):
        self.total += 1
        if ok:
            self.passed += 1
        else:
            self.notes.append(note)
        return ok

    def finish(self):
        for note in self.notes:
            print(note)
        reward = 1.0 if self.total and self.passed == self.total else 0.0
        reward_file = os.environ.get("AGENTBENCH_REWARD_FILE")
        if reward_file:
            Path(reward_file).write_text(f"{reward:.4f}\n")
        print(f"{self.passed}/{self.total} checks passed")
        sys.exit(0 if self.total and self.passed == self.total else 1)
