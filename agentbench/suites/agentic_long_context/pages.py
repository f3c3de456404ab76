"""Pages of the long-horizon variant: their size, the scripts the pager tools run in the sandbox, and
how a page reads back (the oracle parses it; this module loads no Inspect)."""

from __future__ import annotations

import re


PAGE_CHARS = 12_000
"""Characters per page: under Inspect's 16 KiB tool-output cap, about 3k tokens of text."""
PAGE_HEADER = re.compile(r"^== (?P<path>\S+) page (?P<page>\d+) of (?P<pages>\d+) ==\n")

LIST_SCRIPT = """import os, sys
root = sys.argv[1]
for path in sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs):
    chars = len(open(os.path.join(root, path), encoding="utf-8").read())
    print(f"{path}\\t{max(1, -(-chars // int(sys.argv[2])))} pages")
"""
READ_SCRIPT = """import os, sys
root, path, page, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
text = open(os.path.join(root, path), encoding="utf-8").read()
pages = max(1, -(-len(text) // size))
if not 1 <= page <= pages:
    sys.exit(f"page {page} is out of range: {path} has {pages} page(s)")
sys.stdout.write(f"== {path} page {page} of {pages} ==\\n" + text[(page - 1) * size : page * size])
"""


def page_body(result: str) -> tuple[str, int, int, str] | None:
    """(path, page, pages, text) of a `read_page` result, or None for anything else."""
    match = PAGE_HEADER.match(result)
    if match is None:
        return None
    return match["path"], int(match["page"]), int(match["pages"]), result[match.end():]
