"""What our client and the reference server add to the OpenAI protocol, on both sides of the wire.

- `EPOCH_HEADER`: sent by our model API with each request of a sample's epoch (Inspect's attempt
  number), so simulated reference models draw afresh per attempt; other servers ignore it.
- `SIMULATED_TIMING`: a top-level field of a completion (or of its finishing chunk) in which a
  simulated reference model reports its planted TTFT/TPOT; the client records those, marked
  `simulated_timing`, instead of its own clock.
"""

from __future__ import annotations

from typing import Any

EPOCH_HEADER = "X-Agentbench-Epoch"
SIMULATED_TIMING = "agentbench_simulated_timing"


def simulated_timing(payload: dict[str, Any] | None) -> dict[str, Any] | None:
    """The planted timings a completion (or chunk) reports, if it comes from a simulated model."""
    value = (payload or {}).get(SIMULATED_TIMING)
    return value if isinstance(value, dict) and value.get("simulated") is True else None
