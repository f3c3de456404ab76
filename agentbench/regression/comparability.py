"""Whether two runs measured the same thing, from their run.json provenance.

Refused unless allowed: different task content (hash of a task folder both runs ran), tokenizer,
long-context grid (its settings hash), or generation settings of a model both runs evaluated. A
different base URL for the same model name is comparable on purpose: comparing two serving
stacks of one model is the point. A field missing on either side is unknown, not a difference:
it is listed as a note.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

ALLOWABLE = ("tasks", "tokenizer", "grid", "generation")


@dataclass(frozen=True)
class Comparability:
    """Differences that refuse the comparison (kind, detail) and notes on what could not be checked."""

    refusals: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def blocking(self, allow: Iterable[str]) -> list[tuple[str, str]]:
        allowed = set(allow)
        return [(kind, detail) for kind, detail in self.refusals if kind not in allowed]


def parse_allow(value: str | None) -> tuple[str, ...]:
    """`--allow tasks,tokenizer` -> ("tasks", "tokenizer"); unknown names are a ValueError."""
    names = tuple(part.strip() for part in (value or "").split(",") if part.strip())
    unknown = [name for name in names if name not in ALLOWABLE]
    if unknown:
        raise ValueError(f"--allow: unknown {unknown[0]!r}; choose from {', '.join(ALLOWABLE)}")
    return names


def check(base: Mapping[str, Any], new: Mapping[str, Any], models: Iterable[str] = ()) -> Comparability:
    """Compare the provenance of two run.json payloads; `models` limits the generation check to shared models."""
    result = Comparability()
    _tasks(base, new, result)
    _same(result, "tokenizer", "tokenizer", _tokenizer(base), _tokenizer(new))
    _same(result, "grid", "long-context grid", _grid(base), _grid(new))
    _generation(base, new, set(models), result)
    return result


def refusal_message(blocking: list[tuple[str, str]]) -> str:
    """One line naming every difference and the --allow that would accept them."""
    kinds = ",".join(dict.fromkeys(kind for kind, _ in blocking))
    return f"not comparable: {'; '.join(detail for _, detail in blocking)} (pass --allow {kinds} to compare anyway)"


def _same(result: Comparability, kind: str, label: str, base: object, new: object) -> None:
    if base is None or new is None:
        if base is not None or new is not None:
            result.notes.append(f"{label} unknown for {'BASE' if base is None else 'NEW'}")
        return
    if base != new:
        result.refusals.append((kind, f"{label} differs ({_short(base)} vs {_short(new)})"))


def _short(value: object) -> str:
    text = str(value)
    return text[:12] if len(text) == 64 else text[:60]


def _tokenizer(config: Mapping[str, Any]) -> object:
    selection = config.get("selection")
    return config.get("tokenizer") or (selection.get("tokenizer") if isinstance(selection, Mapping) else None)


def _grid(config: Mapping[str, Any]) -> object:
    """The long-context grid's hash: `long_context.hash`, or the hashes of `generated` task grids."""
    block = config.get("long_context")
    if isinstance(block, Mapping) and block.get("hash"):
        return block["hash"]
    generated = config.get("generated")
    if isinstance(generated, Mapping) and generated:
        hashes = {name: entry.get("hash") for name, entry in generated.items() if isinstance(entry, Mapping)}
        return hashes if all(hashes.values()) else None
    return None


def _tasks(base: Mapping[str, Any], new: Mapping[str, Any], result: Comparability) -> None:
    base_tasks, new_tasks = base.get("tasks"), new.get("tasks")
    if not isinstance(base_tasks, Mapping) or not isinstance(new_tasks, Mapping):
        if isinstance(base_tasks, Mapping) or isinstance(new_tasks, Mapping):
            result.notes.append(f"task hashes unknown for {'BASE' if not isinstance(base_tasks, Mapping) else 'NEW'}")
        return
    changed = sorted(key for key in set(base_tasks) & set(new_tasks) if base_tasks[key] != new_tasks[key])
    if changed:
        more = f" and {len(changed) - 3} more" if len(changed) > 3 else ""
        result.refusals.append(("tasks", f"task content differs for {', '.join(changed[:3])}{more}"))


def _endpoints(config: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    entries = config.get("endpoints")
    if not isinstance(entries, list):
        return {}
    return {str(e.get("name") or e.get("model")): e for e in entries if isinstance(e, Mapping)}


def _generation(base: Mapping[str, Any], new: Mapping[str, Any], models: set[str], result: Comparability) -> None:
    base_endpoints, new_endpoints = _endpoints(base), _endpoints(new)
    for name in sorted(set(base_endpoints) & set(new_endpoints)):
        if models and name not in models:
            continue
        base_gen, new_gen = base_endpoints[name].get("generation"), new_endpoints[name].get("generation")
        if not isinstance(base_gen, Mapping) or not isinstance(new_gen, Mapping):
            if isinstance(base_gen, Mapping) or isinstance(new_gen, Mapping):
                result.notes.append(f"generation settings of {name} unknown for "
                                    f"{'BASE' if not isinstance(base_gen, Mapping) else 'NEW'}")
            continue
        changed = [f"{key} {base_gen.get(key)!r} vs {new_gen.get(key)!r}"
                   for key in sorted(set(base_gen) | set(new_gen)) if base_gen.get(key) != new_gen.get(key)]
        if changed:
            result.refusals.append(("generation", f"generation settings of {name} differ ({', '.join(changed)})"))
