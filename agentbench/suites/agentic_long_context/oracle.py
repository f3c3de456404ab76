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
    """Search first; once the search has a result, submit the answer found in it."""
    found = QUESTION_LINE.search(conversation.first_user_text)
    if found is None:
        return None
    question = found["question"].replace(f"in the files under {found['root']}", IN_CONTEXT).strip()
    code = search_code(question, found["root"])
    if code is None:
        return None
    if not conversation.tool_results:
        if "python" in conversation.tools:
            return Reply(tool_calls=(ToolCallReply("python", {tool_parameter(conversation, "python"): code}),))
        command = f"python3 - <<'AGENTBENCH_ORACLE'\n{code}AGENTBENCH_ORACLE"
        return Reply(tool_calls=(ToolCallReply("bash", {tool_parameter(conversation, "bash"): command}),))
    answer = ", ".join(answer_from(conversation.tool_results[-1], question) or [])
    if "submit" in conversation.tools:
        return Reply(tool_calls=(ToolCallReply("submit", {tool_parameter(conversation, "submit"): answer}),))
    return Reply(content=answer)
