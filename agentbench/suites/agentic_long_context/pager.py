"""The long-horizon variant's only tools: list the files, read one page of a file. With no shell to grep
with, the agent must page through the files, so what it needs arrives in its own tool results over
many turns and its history grows to about the whole context before it can answer."""

from __future__ import annotations

from inspect_ai.tool import Tool, ToolError, tool
from inspect_ai.util import sandbox

from agentbench.suites.agentic_long_context.pages import LIST_SCRIPT, PAGE_CHARS, READ_SCRIPT


async def _python(code: str, *args: str) -> str:
    result = await sandbox().exec(["python3", "-c", code, *args], timeout=120)
    if not result.success:
        raise ToolError(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "failed")
    return result.stdout


@tool
def list_files(root: str) -> Tool:
    async def execute() -> str:
        """List the files in reading order, one per line with its number of pages.

        Returns:
            Lines of "path<TAB>N pages", paths relative to the root, in reading order.
        """
        return await _python(LIST_SCRIPT, root, str(PAGE_CHARS))

    return execute


@tool
def read_page(root: str) -> Tool:
    async def execute(path: str, page: int) -> str:
        """Read one page of a file.

        Args:
            path: The file's path as list_files shows it.
            page: The page to read, from 1.

        Returns:
            A header line "== PATH page N of M ==" and the page's text.
        """
        return await _python(READ_SCRIPT, root, path, str(page), str(PAGE_CHARS))

    return execute
