"""SIGTERM and SIGHUP stop a run the way Ctrl-C does: completed samples kept, results written.

Batch schedulers, `timeout` and a closed terminal send SIGTERM or SIGHUP, not SIGINT. While a
run is under way each is turned into a SIGINT to this process, so Inspect's own Ctrl-C path
(cancel the samples in flight, write the logs) runs unchanged; the previous handlers come back after.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from types import FrameType

STOP_SIGNALS = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None)


def _as_ctrl_c(signum: int, frame: FrameType | None) -> None:
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        # Started with Ctrl-C ignored (a background job of a script, `nohup ... &`): a SIGINT would be
        # lost, yet SIGTERM must still stop the run, so interrupt here as Ctrl-C's handler would.
        signal.default_int_handler(signum, frame)
    os.kill(os.getpid(), signal.SIGINT)


@contextlib.contextmanager
def stop_signals_as_ctrl_c() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP act as Ctrl-C (only from the main thread; elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _as_ctrl_c) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
