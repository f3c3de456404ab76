"""The C allocator setting of the processes our commands own (`agentbench run`, `agentbench serve`).

A 1M-token sample passes through several buffers of 4-16 MB (its prompt, the request body, the
server's parsed text and token array). glibc serves a first buffer that large with its own `mmap`,
but on freeing it raises its threshold to that size (up to 32 MiB), so later ones come from the
heap arena of whichever thread allocated them (the event loop's, the embedded server's), where a
freed hole is kept for later allocations instead of returned to the system. With the threshold
fixed at its default, every such buffer is its own mapping, returned when freed: the
`--max-length 1m` grid's peak RSS went from 960-1,060 MB to about 700-740 MB (BENCHMARKS.md).
"""

from __future__ import annotations

import ctypes
import os

M_MMAP_THRESHOLD = -3
"""glibc's `mallopt` parameter number (malloc.h); setting it also turns the dynamic threshold off."""
MMAP_THRESHOLD_BYTES = 128 * 1024
"""glibc's default threshold, kept: only its growth is turned off."""


def fix_mmap_threshold() -> bool:
    """Fix glibc's mmap threshold for this process, unless the user set one (`MALLOC_MMAP_THRESHOLD_`).

    Returns whether it was set: False under another C library (musl, macOS), where nothing changes."""
    if "MALLOC_MMAP_THRESHOLD_" in os.environ or not is_glibc():
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    return mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) == 1


def is_glibc() -> bool:
    """Whether this process runs on glibc, the one C library whose setting this is."""
    try:
        return (os.confstr("CS_GNU_LIBC_VERSION") or "").startswith("glibc")
    except (ValueError, OSError, AttributeError):  # no such name on this system
        return False
