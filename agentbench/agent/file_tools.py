"""A small file view/create/edit tool built on the sandbox's own read/write.

Inspect's `text_editor` injects a helper binary into every container; ours needs nothing
inside the sandbox beyond `ls`, so it works in any image and adds no per-sample copy.
"""

from __future__ import annotations

from typing import Literal

from inspect_ai.tool import Tool, ToolError, tool
from inspect_ai.util import sandbox

MAX_VIEW_CHARS = 16_000


def _numbered(text: str, first: int) -> str:
    return "\n".join(f"{n:6d}\t{line}" for n, line in enumerate(text.splitlines(), start=first))


async def _read(path: str) -> str:
    try:
        return await sandbox().read_file(path)
    except FileNotFoundError:
        raise ToolError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ToolError(f"{path}: is a directory") from None
    except UnicodeDecodeError:
        raise ToolError(f"{path}: not a text file") from None


async def _view(path: str, view_range: list[int] | None) -> str:
    listing = await sandbox().exec(["ls", "-la", "--", path])
    if listing.success and listing.stdout.startswith("total"):
        return listing.stdout
    text = await _read(path)
    lines = text.splitlines()
    first, last = (view_range + [len(lines)])[:2] if view_range else (1, len(lines))
    last = len(lines) if last == -1 else last
    if not 1 <= first <= max(last, 1):
        raise ToolError(f"view_range {view_range} is outside the file's {len(lines)} lines")
    shown = _numbered("\n".join(lines[first - 1 : last]), first)
    if len(shown) > MAX_VIEW_CHARS:
        shown = shown[:MAX_VIEW_CHARS] + "\n[... output truncated: use view_range to see more ...]"
    return shown


@tool
def text_editor() -> Tool:
    """View, create and edit text files in the sandbox."""

    async def execute(
        command: Literal["view", "create", "str_replace", "insert"],
        path: str,
        file_text: str | None = None,
        old_str: str | None = None,
        new_str: str | None = None,
        insert_line: int | None = None,
        view_range: list[int] | None = None,
    ) -> str:
        """View, create and edit files.

        Args:
          command: `view` shows a file with line numbers (or lists a directory); `create` writes `file_text` to a new or existing file; `str_replace` replaces the single occurrence of `old_str` with `new_str`; `insert` inserts `new_str` after line `insert_line` (0 = at the top).
          path: File or directory path (relative paths start in the working directory).
          file_text: Content for `create`.
          old_str: Exact text to replace for `str_replace`; must occur exactly once.
          new_str: Replacement text for `str_replace`, or the text for `insert`.
          insert_line: Line after which `insert` puts `new_str`.
          view_range: Optional [first, last] line numbers for `view` (last may be -1).

        Returns:
          The file view, or a short confirmation of the edit.
        """
        if command == "view":
            return await _view(path, view_range)
        if command == "create":
            if file_text is None:
                raise ToolError("create needs file_text")
            await sandbox().write_file(path, file_text)
            return f"created {path} ({len(file_text)} characters)"
        text = await _read(path)
        if command == "str_replace":
            if old_str is None:
                raise ToolError("str_replace needs old_str")
            count = text.count(old_str)
            if count != 1:
                raise ToolError(f"old_str occurs {count} times in {path}; it must occur exactly once")
            await sandbox().write_file(path, text.replace(old_str, new_str or "", 1))
            return f"edited {path}"
        if insert_line is None or new_str is None:
            raise ToolError("insert needs insert_line and new_str")
        lines = text.splitlines(keepends=True)
        if not 0 <= insert_line <= len(lines):
            raise ToolError(f"insert_line {insert_line} is outside the file's {len(lines)} lines")
        block = new_str if new_str.endswith("\n") else new_str + "\n"
        await sandbox().write_file(path, "".join(lines[:insert_line]) + block + "".join(lines[insert_line:]))
        return f"inserted {len(block.splitlines())} line(s) into {path} after line {insert_line}"

    return execute
