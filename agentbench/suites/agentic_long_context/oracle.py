"""`ref/oracle` for agentic long context: it searches the files with a real tool call, then answers
from what the call printed, never from anything else.

The question is the in-context one with "in the files under ROOT" for "in the text above". The
oracle sends one python call that reads the files in reading order and prints the sentences that
can answer (`long_context.oracle.evidence_pattern`), or, for common words, the most frequent
lines; it then answers from that output as the in-context oracle answers from the prompt.
"""

from __future__ import annotations

import re

from agentbench.oracle import Conversation, Reply, ToolCallReply
from agentbench.suites.agentic_long_context.pages import page_body
from agentbench.suites.long_context.needles import IN_CONTEXT
from agentbench.suites.long_context.oracle import answer_from, common_words_count, evidence_pattern
from agentbench.suites.tool_use_oracle import tool_parameter

QUESTION_LINE = re.compile(r"^Question: (?P<question>.*\bin the files under (?P<root>/[\w/-]+).*)$", re.MULTILINE)

_READ = """import collections, os, re
root = {root!r}
paths = sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs)
text = "".join(open(os.path.join(root, p), encoding="utf-8").read() for p in paths)
"""
_GREP = _READ + "for match in re.finditer({pattern!r}, text):\n    print(match.group(0))\n"
_COUNT = _READ + "lines = collections.Counter(line for line in text.split('\\n') if line)\nfor line, _ in lines.most_common({count}):\n    print(line)\n"


def search_code(question: str, root: str) -> str | None:
    """The python the oracle runs to find the evidence for an in-context `question` in the files under `root`."""
    count = common_words_count(question)
    if count is not None:
        return _COUNT.format(root=root, count=count)
    pattern = evidence_pattern(question)
    return None if pattern is None else _GREP.format(root=root, pattern=pattern)


def agentic_oracle(conversation: Conversation) -> Reply | None:
    """Search first (or, with only the pager, read every page in order); then submit the answer found in
    what the tools returned."""
    found = QUESTION_LINE.search(conversation.first_user_text)
    if found is None:
        return None
    question = found["question"].replace(f"in the files under {found['root']}", IN_CONTEXT).strip()
    code = search_code(question, found["root"])
    if code is None:
        return None
    if "read_page" in conversation.tools:
        return _page_through(conversation, question)
    if not conversation.tool_results:
        if "python" in conversation.tools:
            return Reply(tool_calls=(ToolCallReply("python", {tool_parameter(conversation, "python"): code}),))
        command = f"python3 - <<'AGENTBENCH_ORACLE'\n{code}AGENTBENCH_ORACLE"
        return Reply(tool_calls=(ToolCallReply("bash", {tool_parameter(conversation, "bash"): command}),))
    answer = ", ".join(answer_from(conversation.tool_results[-1], question) or [])
    if "submit" in conversation.tools:
        return Reply(tool_calls=(ToolCallReply("submit", {tool_parameter(conversation, "submit"): answer}),))
    return Reply(content=answer)


def _page_through(conversation: Conversation, question: str) -> Reply:
    """List the files, read each page of each file in order, then answer from the pages read."""
    results = conversation.tool_results
    if not results:
        return Reply(tool_calls=(ToolCallReply("list_files", {}),))
    files = [line.split("\t")[0] for line in results[0].splitlines() if "\t" in line]
    pages = [body for result in results[1:] if (body := page_body(result)) is not None]
    if pages:
        path, page, total, _ = pages[-1]
        upcoming = (path, page + 1) if page < total else (files[files.index(path) + 1], 1) if path != files[-1] else None
    else:
        upcoming = (files[0], 1) if files else None
    if upcoming is not None:
        return Reply(tool_calls=(ToolCallReply("read_page", {"path": upcoming[0], "page": upcoming[1]}),))
    answer = ", ".join(answer_from("".join(text for *_, text in pages), question) or [])
    return Reply(tool_calls=(ToolCallReply("submit", {tool_parameter(conversation, "submit"): answer}),))
