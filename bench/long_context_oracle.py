"""How long `ref/oracle` takes to answer each long-context variant on a 1M-token prompt.

    PYTHONPATH=. python bench/long_context_oracle.py [--haystack noise] [--repeat 5]

Each sample is generated (through the cache), then the oracle strategy is called with the
prompt as the server would pass it; the time is the best of `--repeat` calls.
"""

from __future__ import annotations

import argparse
import time

from agentbench.oracle import Conversation
from agentbench.suites.long_context.generate import build_sample
from agentbench.suites.long_context.grid import MIB
from agentbench.suites.long_context.oracle import long_context_oracle
from agentbench.suites.long_context.scoring import grade
from agentbench.suites.long_context.spec import VARIANTS, LongContextSpec


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--haystack", default="noise")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print("| variant (1M tokens) | haystack | oracle answer time | correct |")
    print("|---|---|---|---|")
    for variant in VARIANTS:
        sample = build_sample(LongContextSpec(variant, MIB, 0.5, args.haystack))
        conversation = Conversation(messages=[{"role": "user", "content": sample.prompt}])
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            reply = long_context_oracle(conversation)
            times.append(time.perf_counter() - start)
        correct = reply is not None and grade(reply.content, sample.answers, sample.distractors, sample.shape, sample.prefix).success
        print(f"| {variant} | {sample.haystack} | {min(times) * 1000:.0f} ms | {correct} |")


if __name__ == "__main__":
    main()
