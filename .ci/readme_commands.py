"""Print one of the README's two set-up commands, exactly as written, so CI runs what users run.

`main` is the first fenced bash block under "## Set up on a fresh machine", `tests` the second;
the section must hold exactly two, each a single line.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

SECTION = "## Set up on a fresh machine"
README = Path(__file__).resolve().parents[1] / "README.md"


def setup_commands(readme: str) -> dict[str, str]:
    """{"main": ..., "tests": ...} from the README's text; ValueError if the section is not as described."""
    start = readme.find(SECTION)
    if start < 0:
        raise ValueError(f"README.md has no {SECTION!r} section")
    end = readme.find("\n## ", start + len(SECTION))
    blocks = re.findall(r"```bash\n(.*?)```", readme[start:end if end > 0 else None], flags=re.DOTALL)
    commands = [block.strip() for block in blocks]
    if len(commands) != 2 or any("\n" in c or not c for c in commands):
        raise ValueError(f"{SECTION!r} must hold exactly two one-line bash blocks, found {len(commands)}")
    return {"main": commands[0], "tests": commands[1]}


if __name__ == "__main__":
    try:
        print(setup_commands(README.read_text(encoding="utf-8"))[sys.argv[1]])
    except (IndexError, KeyError):
        sys.exit("usage: readme_commands.py main|tests")
    except ValueError as exc:
        sys.exit(f"readme_commands.py: {exc}")
