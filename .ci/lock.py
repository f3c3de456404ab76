"""Write constraints.txt: the exact versions of agentbench's dependency closure (test extra included)
as installed here, where the test suite passed. The README's commands install with it, so a new
release of a dependency cannot break a fresh install overnight.

    python .ci/lock.py > constraints.txt
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, distribution
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = "agentbench"
EXTRAS = {"test"}


def closure() -> dict[str, str]:
    """Canonical name -> installed version for every package agentbench[test] needs, transitively."""
    found: dict[str, str] = {}
    pending = [(ROOT, EXTRAS)]
    while pending:
        name, extras = pending.pop()
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            continue
        key = canonicalize_name(dist.metadata["Name"])
        if key in found and not extras:
            continue
        found[key] = dist.version
        for line in dist.requires or []:
            requirement = Requirement(line)
            markers = [{"extra": extra} for extra in extras or {""}]
            if requirement.marker is None or any(requirement.marker.evaluate(m) for m in markers):
                pending.append((requirement.name, set(requirement.extras)))
    found.pop(canonicalize_name(ROOT), None)
    return found


if __name__ == "__main__":
    print("# Tested versions of agentbench's dependencies (python .ci/lock.py > constraints.txt).")
    print("# Used by the README's commands via `pip install -c constraints.txt`.")
    for name, version in sorted(closure().items()):
        print(f"{name}=={version}")
