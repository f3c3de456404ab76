"""Long-context suite: RULER-style needles in haystacks up to 1M+ tokens, exact to the token.

`suite.SUITE` is its plugin object (and teaches `ref/oracle` our questions); the Inspect task lives in
`agentbench.suites.long_context.task` (imported separately, as it loads inspect_ai). The names below
are imported on first use, so finding the suite (`agentbench --help`) loads no generator or tokenizer.
"""

from importlib import import_module
from typing import Any

_HOMES = {
    "build_sample": "generate",
    "grid_lengths": "grid",
    "length_label": "grid",
    "parse_depths": "grid",
    "parse_lengths": "grid",
    "resolve_haystack": "haystacks",
    "long_context_oracle": "oracle",
    "grade": "scoring",
    "VARIANTS": "spec",
    "LongContextSample": "spec",
    "LongContextSpec": "spec",
    "Needle": "spec",
    "write_haystack_tree": "tree",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)
