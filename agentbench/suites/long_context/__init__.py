"""Long-context suite: RULER-style needles in haystacks up to 1M+ tokens, exact to the token.

`suite.SUITE` is its plugin object (and teaches `ref/oracle` our questions); the Inspect task lives in
`agentbench.suites.long_context.task` (imported separately, as it loads inspect_ai).
"""

from agentbench.suites.long_context.generate import build_sample
from agentbench.suites.long_context.grid import (
    grid_lengths,
    length_label,
    parse_depths,
    parse_lengths,
)
from agentbench.suites.long_context.haystacks import resolve_haystack
from agentbench.suites.long_context.oracle import long_context_oracle
from agentbench.suites.long_context.scoring import grade
from agentbench.suites.long_context.spec import (
    VARIANTS,
    LongContextSample,
    LongContextSpec,
    Needle,
)
from agentbench.suites.long_context.tree import write_haystack_tree

__all__ = [
    "VARIANTS",
    "LongContextSample",
    "LongContextSpec",
    "Needle",
    "build_sample",
    "grade",
    "grid_lengths",
    "length_label",
    "long_context_oracle",
    "parse_depths",
    "parse_lengths",
    "resolve_haystack",
    "write_haystack_tree",
]
