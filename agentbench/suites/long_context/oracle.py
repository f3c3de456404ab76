"""`ref/oracle` for the long-context suite: answer by really searching the context it was sent.

It recognises our question formats (built from the same templates as the generator), then
finds the needles with plain string search, follows variable chains, counts list words, takes
the one associative hop of non-literal needles through the association table (given to it as
the question templates are), or counts identical MRCR requests. What it cannot find it calls
"not present".
"""

from __future__ import annotations

import re
import string
from collections import Counter

from agentbench.oracle import Conversation, Reply
from agentbench.suites.long_context import mrcr
from agentbench.suites.long_context.associations import CITY_LANDMARK
from agentbench.suites.long_context.common_words import QUESTION as ASK_COMMON
from agentbench.suites.long_context.needles import (
    ASK_ALL,
    ASK_CHAIN,
    ASK_MANY,
    ASK_ONE,
    ASK_VISIT,
    ASSIGN,
    IN_CONTEXT,
    KINDS,
    LIVES,
    NEEDLE,
    NOT_PRESENT,
)
from agentbench.suites.long_context.spec import prompt_text

_SPLIT = prompt_text("", "")
_GROUPS = {
    "kind": r"(?P<kind>[a-z]+)",
    "key": r"(?P<key>[a-z]+-[a-z]+)",
    "keys": r"(?P<keys>[a-z, -]+?)",
    "value": r"(?P<value>\d+)",
    "count": r"(?P<count>\d+)",
    "name": r"(?P<name>[A-Z]{5})",
    "source": r"(?P<source>[A-Z]{5}|\d+)",
    "city": r"(?P<city>[A-Z][A-Za-z' ]+?)",
    "prefix": r"(?P<prefix>[A-Za-z0-9]+)",
    "ordinal": r"(?P<ordinal>\d+)(?:st|nd|rd|th)",
    "form": r"(?P<form>[a-z ]+?)",
    "topic": r"(?P<topic>[a-z ]+?)",
}


def _pattern(template: str) -> re.Pattern[str]:
    """A regex matching `template` as filled in for the in-context prompt."""
    parts: list[str] = []
    seen: set[str] = set()
    for literal, field, _, _ in string.Formatter().parse(template.replace("{where}", IN_CONTEXT)):
        parts.append(re.escape(literal))
        if field:
            parts.append(f"(?P={field})" if field in seen else _GROUPS[field])
            seen.add(field)
    return re.compile("".join(parts))


_ONE, _ALL, _MANY, _CHAIN, _COMMON, _ASSIGNMENT, _VISIT, _MRCR = (
    _pattern(t) for t in (ASK_ONE, ASK_ALL, ASK_MANY, ASK_CHAIN, ASK_COMMON, ASSIGN, ASK_VISIT, mrcr.ASK)
)


def long_context_oracle(conv: Conversation) -> Reply | None:
    """The right answer to one of our questions, found in the conversation's context."""
    context, split, question = conv.last_user_text.rpartition(_SPLIT)
    if not split:
        return None
    answer = _answer(context, question.strip())
    return None if answer is None else Reply(content=", ".join(answer))


def answer_from(context: str, question: str) -> list[str] | None:
    """The answer to one of our in-context questions found in `context` (any text holding the evidence), or None."""
    return _answer(context, question.strip())


def evidence_pattern(question: str) -> str | None:
    """A regex matching the sentences of a context that answer one of our in-context questions (what a
    searcher greps for), or None for common words (which needs counting) and questions not ours."""
    if (match := _ONE.fullmatch(question)) or (match := _ALL.fullmatch(question)):
        return _needle_head(match["kind"], match["key"]) + r"[^.]*\."
    if match := _MANY.fullmatch(question):
        heads = [_needle_head(match["kind"], key) for key in re.split(r", | and ", match["keys"])]
        return "(?:" + "|".join(heads) + r")[^.]*\."
    if _CHAIN.fullmatch(question):
        return _ASSIGNMENT.pattern
    if match := _VISIT.fullmatch(question):
        landmark = CITY_LANDMARK.get(match["city"])
        if landmark is None:
            return "(?!)"
        head, _, tail = LIVES.format(name="\0", landmark=landmark).partition("\0")
        return re.escape(head) + r"\w+" + re.escape(tail)
    if match := _MRCR.fullmatch(question):
        return re.escape(mrcr.REQUEST.format(form=match["form"], topic=match["topic"])) + r"[^.]*\."
    return None


def common_words_count(question: str) -> int | None:
    """How many most frequent list words a common-words question asks for (None: not that question)."""
    match = _COMMON.fullmatch(question)
    return int(match["count"]) if match else None


def _needle_head(kind: str, key: str) -> str:
    return re.escape(NEEDLE.format(kind=kind, key=key, value="\0").partition("\0")[0])


def _answer(context: str, question: str) -> list[str] | None:
    if match := _ONE.fullmatch(question):
        return _values(context, match["kind"], match["key"])[:1] or [NOT_PRESENT]
    if match := _ALL.fullmatch(question):
        return _values(context, match["kind"], match["key"])
    if match := _MANY.fullmatch(question):
        keys = re.split(r", | and ", match["keys"])
        return [v for key in keys for v in _values(context, match["kind"], key)[:1]]
    if match := _CHAIN.fullmatch(question):
        return _chain(context, match["value"])
    if match := _COMMON.fullmatch(question):
        lines = Counter(context.split("\n"))
        lines.pop("", None)
        return [line.removeprefix("- ") for line, _ in lines.most_common(int(match["count"]))]
    if match := _VISIT.fullmatch(question):
        return _visitor(context, match["city"])
    if match := _MRCR.fullmatch(question):
        return _mrcr_reply(context, match["prefix"], int(match["ordinal"]), match["form"], match["topic"])
    return None


def _visitor(context: str, city: str) -> list[str]:
    """The one hop: the city's landmark from the table, then who lives next to it."""
    landmark = CITY_LANDMARK.get(city)
    if landmark is None:
        return [NOT_PRESENT]
    head, _, tail = LIVES.format(name="\0", landmark=landmark).partition("\0")
    found = re.search(re.escape(head) + r"(\w+)" + re.escape(tail), context)
    return [found.group(1)] if found else [NOT_PRESENT]


def mrcr_rounds(conv: Conversation) -> list[str]:
    """Every round's answer (prefix + reply) to an MRCR question's request, in context order; [] if not one."""
    context, _, question = conv.last_user_text.rpartition(_SPLIT)
    match = _MRCR.fullmatch(question.strip())
    if match is None:
        return []
    rounds = []
    for ordinal in range(1, context.count(mrcr.REQUEST.format(form=match["form"], topic=match["topic"])) + 1):
        rounds += _mrcr_reply(context, match["prefix"], ordinal, match["form"], match["topic"])
    return rounds


def _mrcr_reply(context: str, prefix: str, ordinal: int, form: str, topic: str) -> list[str]:
    """The reply to the `ordinal`-th identical request, with the prefix in front."""
    request = mrcr.REQUEST.format(form=form, topic=topic)
    at = -1
    for _ in range(ordinal):
        at = context.find(request, at + 1)
        if at < 0:
            return [NOT_PRESENT]
    start = at + len(request)
    return [prefix + context[start : context.index(".", start) + 1]]


def _values(context: str, noun: str, key: str) -> list[str]:
    """Values of every needle for `key`, in context order."""
    if noun not in KINDS.values():
        return []
    head, _, _ = NEEDLE.format(kind=noun, key=key, value="\0").partition("\0")
    values = []
    at = context.find(head)
    while at >= 0:
        start = at + len(head)
        end = context.find(".", start)
        values.append(context[start:end])
        at = context.find(head, end)
    return values


def _chain(context: str, value: str) -> list[str]:
    """Every variable that ends up equal to `value`, following assignments hop by hop."""
    sources: dict[str, list[str]] = {}
    for name, source in _ASSIGNMENT.findall(context):
        sources.setdefault(source, []).append(name)
    found: list[str] = []
    frontier = [value]
    while frontier:
        step = [name for source in frontier for name in sources.get(source, []) if name not in found]
        found.extend(step)
        frontier = step
    return found
