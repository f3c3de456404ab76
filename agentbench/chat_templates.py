"""Chat templates of the model families we budget for, and prompt counts with them.

An endpoint counts a request as its chat template renders it: special tokens, role markers
and the opening of the reply come on top of the message text. These are faithful renderings
(text messages only) of the `chat_template` in each family's tokenizer_config.json: Qwen3
(ChatML), DeepSeek-V3, and Mistral's v3 Tekken instruct format (checked token for token
against `mistral_common`'s encoder in the tests). Tokenizers without a known family get ChatML.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import jinja2

from agentbench.tokenizers import Tokenizer

_QWEN3 = (
    "{%- if messages[0].role == 'system' %}{{- '<|im_start|>system\\n' + messages[0].content + '<|im_end|>\\n' }}{%- endif %}"
    "{%- for message in messages %}{%- if message.role != 'system' or not loop.first %}"
    "{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>\\n' }}{%- endif %}{%- endfor %}"
    "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}"
)
_DEEPSEEK_V3 = (
    "{{- bos_token }}{%- for message in messages if message.role == 'system' %}{{- message.content }}{%- endfor %}"
    "{%- for message in messages %}{%- if message.role == 'user' %}{{- '<｜User｜>' + message.content }}"
    "{%- elif message.role == 'assistant' %}{{- '<｜Assistant｜>' + message.content + '<｜end▁of▁sentence｜>' }}{%- endif %}{%- endfor %}"
    "{%- if add_generation_prompt %}{{- '<｜Assistant｜>' }}{%- endif %}"
)
_MISTRAL_TEKKEN = (
    "{{- bos_token }}{%- set system = messages | selectattr('role', 'equalto', 'system') | map(attribute='content') | join('\\n\\n') %}"
    "{%- set turns = messages | rejectattr('role', 'equalto', 'system') | list %}"
    "{%- for message in turns %}{%- if message.role == 'user' %}"
    "{{- '[INST]' + (system + '\\n\\n' if loop.last and system else '') + message.content + '[/INST]' }}"
    "{%- else %}{{- message.content + eos_token }}{%- endif %}{%- endfor %}"
)


@dataclass(frozen=True)
class ChatTemplate:
    """One family's chat template and the special tokens it writes (each counts as one token)."""

    name: str
    source: str
    specials: tuple[str, ...]
    bos_token: str = ""
    eos_token: str = ""

    def render(self, messages: Sequence[Mapping[str, str]], add_generation_prompt: bool = True) -> str:
        """The prompt text the model reads, special tokens written out."""
        return self._template.render(messages=messages, add_generation_prompt=add_generation_prompt, bos_token=self.bos_token, eos_token=self.eos_token)

    def count(self, tokenizer: Tokenizer, messages: Sequence[Mapping[str, str]]) -> int:
        """Prompt tokens of `messages` as an endpoint with this template counts them."""
        return self.count_text(tokenizer, self.render(messages))

    def count_text(self, tokenizer: Tokenizer, text: str) -> int:
        """Tokens of rendered text: one per special token, the pieces between encoded as text."""
        total = 0
        for piece in self._split.split(text):
            if piece in self.specials:
                total += 1
            elif piece:
                total += tokenizer.count(piece)
        return total

    def around_user(self, tokenizer: Tokenizer) -> int:
        """Tokens the template adds around a single user message (before and after its text)."""
        marker = "\x00"
        before, _, after = self.render([{"role": "user", "content": marker}]).partition(marker)
        return self.count_text(tokenizer, before) + self.count_text(tokenizer, after)

    @cached_property
    def _template(self) -> jinja2.Template:
        return jinja2.Environment(autoescape=False, keep_trailing_newline=True).from_string(self.source)

    @cached_property
    def _split(self) -> re.Pattern[str]:
        return re.compile("(" + "|".join(re.escape(s) for s in sorted(self.specials, key=len, reverse=True)) + ")")


QWEN3 = ChatTemplate("qwen3", _QWEN3, ("<|im_start|>", "<|im_end|>"))
CHATML = ChatTemplate("chatml", _QWEN3, ("<|im_start|>", "<|im_end|>"))
DEEPSEEK_V3 = ChatTemplate(
    "deepseek-v3", _DEEPSEEK_V3, ("<｜begin▁of▁sentence｜>", "<｜User｜>", "<｜Assistant｜>", "<｜end▁of▁sentence｜>"),
    bos_token="<｜begin▁of▁sentence｜>", eos_token="<｜end▁of▁sentence｜>",
)
MISTRAL_TEKKEN = ChatTemplate("mistral-tekken", _MISTRAL_TEKKEN, ("<s>", "</s>", "[INST]", "[/INST]"), bos_token="<s>", eos_token="</s>")
TEMPLATES: dict[str, ChatTemplate] = {t.name: t for t in (QWEN3, DEEPSEEK_V3, MISTRAL_TEKKEN, CHATML)}


def template_for(tokenizer_name: str) -> ChatTemplate:
    """The chat template of a tokenizer's model family (ChatML for `hf:` tokenizers)."""
    return TEMPLATES.get(tokenizer_name, CHATML)
