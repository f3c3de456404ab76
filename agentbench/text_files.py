"""Text files users write (task.yaml, solution.sh, model cards, price, endpoints and threshold files)
read as UTF-8, with one error type and one wording for a file that cannot be read or is not UTF-8."""

from __future__ import annotations

from pathlib import Path


class TextFileError(ValueError):
    """A file that gives no text. `str()` is one line, the line of the file first where it is known;
    it does not name the file, so each caller words its own error around it."""


def read_utf8(path: Path) -> str:
    """The text of the file at `path`; a file that cannot be read or is not UTF-8 is a `TextFileError`."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TextFileError(f"cannot read the file ({exc.strerror or exc})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise TextFileError(f"line {line}: not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8") from None
