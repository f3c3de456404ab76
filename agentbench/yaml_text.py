"""Every YAML file agentbench reads (task.yaml, model cards, price, endpoints and threshold files) is
read here, its errors worded as `text_files` words them, through libyaml's safe parser when PyYAML
has it (its wheels do): about 8x faster than PyYAML's own, and every discovery reads each task
folder's task.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from agentbench.text_files import TextFileError, read_utf8

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """The document in the file at `path`, plain data only (what `yaml.safe_load` returns); a file
    that cannot be read, is not UTF-8 or is not YAML is a `TextFileError`."""
    text = read_utf8(path)
    try:
        return yaml.load(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        line = f"line {exc.problem_mark.line + 1}: " if exc.problem_mark is not None else ""
        expected = f"{exc.context}, " if exc.context and exc.context.startswith("expected") else ""  # "... but found ..."
        raise TextFileError(f"{line}invalid YAML: {expected}{exc.problem or exc.context}") from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (control characters, U+FFFE...)
        line = text.count("\n", 0, exc.position) + 1
        raise TextFileError(f"line {line}: invalid YAML: character #x{exc.character:04x} is not allowed") from None
    except yaml.YAMLError as exc:
        raise TextFileError(f"invalid YAML: {' '.join(str(exc).split())}") from None
