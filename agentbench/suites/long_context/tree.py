"""The agentic variant's data: the same context split over a tree of files.

Same spec, same sample, same needles: only where the text lives changes, so in-context and
tool-based retrieval of identical needles can be compared. Concatenating the files in path
order gives back the context byte for byte, and no needle is split between two files.
"""

from __future__ import annotations

import math
from itertools import pairwise
from pathlib import Path

from agentbench.suites.long_context.spec import LongContextSample


def write_haystack_tree(sample: LongContextSample, root: Path, files: int = 16, *, shown_as: str | None = None) -> str:
    """Write the context as about `files` files under `root`/section_NN/page_NNN.txt; return the
    question to ask without the haystack (naming `shown_as`, the root as the agent sees it)."""
    if files < 1:
        raise ValueError(f"bad file count {files}: must be at least 1")
    cuts = _cuts(sample, files)
    pages = len(cuts) - 1
    per_section = math.ceil(math.sqrt(pages))
    width = len(str(pages - 1))
    for page, (start, end) in enumerate(pairwise(cuts)):
        path = root / f"section_{page // per_section:0{width}d}" / f"page_{page:0{width}d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(sample.context[start:end], encoding="utf-8")
    return "Question: " + sample.question_template.format(where=f"in the files under {shown_as or root}")


def _cuts(sample: LongContextSample, files: int) -> list[int]:
    """File boundaries: after the first line break (else sentence end) past each even share,
    moved past any needle they would split."""
    text = sample.context
    spans = [(n.char_offset, n.char_offset + len(n.text)) for n in sample.needles]
    cuts = [0]
    for share in range(1, files):
        at = max(share * len(text) // files, cuts[-1] + 1)
        newline, period = text.find("\n", at), text.find(". ", at)
        ends = [i + 1 for i in (newline, period) if i >= 0]
        at = min(ends) if ends else len(text)
        for start, end in spans:
            if start < at < end:
                at = end
        if at < len(text) and at > cuts[-1]:
            cuts.append(at)
    return cuts + [len(text)]
