"""A simulated reference model: a card's planted behaviour on the tasks the oracle knows."""

from __future__ import annotations

from agentbench.refserver.models import UNKNOWN_TASK_REPLY, obey_tool_choice
from agentbench.oracle import Conversation, Reply
from agentbench.refserver.sim.card import ModelCard, Serving
from agentbench.refserver.sim.draws import Draws
from agentbench.refserver.sim.long_context import long_context_reply
from agentbench.refserver.sim.tokens import draw_count, words
from agentbench.refserver.sim.tool_use import tool_use_reply
from agentbench.spec import TaskRegistry


class SimModel:
    """Serves one model card: deterministic per (card, seed, sample, epoch)."""

    def __init__(self, card: ModelCard, registry: TaskRegistry) -> None:
        self.card = card
        self.name = card.name
        self.context_window = card.context_window
        self.serving: Serving = card.serving
        self._registry = registry

    def draws(self, conversation: Conversation) -> Draws:
        return Draws.of(self.card.name, self.card.seed, conversation.first_user_text, conversation.epoch)

    def respond(self, conversation: Conversation) -> Reply:
        draws = self.draws(conversation)
        reply = (
            tool_use_reply(self.card.tool_use, self._registry, conversation, draws)
            or long_context_reply(self.card.long_context, conversation, draws)
            or Reply(content=UNKNOWN_TASK_REPLY)
        )
        return obey_tool_choice(self._with_tokens(reply, conversation, draws), conversation)

    def _with_tokens(self, reply: Reply, conversation: Conversation, draws: Draws) -> Reply:
        """Add the drawn reasoning (every reply) and chatter (beside tool calls) of this turn."""
        turn = sum(1 for message in conversation.messages if message.get("role") == "assistant")
        rng = draws.rng(f"tokens-{turn}")
        reasoning = words(rng, draw_count(rng, self.card.tokens.reasoning)) or None
        chatter = words(rng, draw_count(rng, self.card.tokens.verbosity)) if reply.tool_calls and not reply.content else ""
        return Reply(content=reply.content or chatter, tool_calls=reply.tool_calls, reasoning=reasoning)


def sim_models(cards: list[ModelCard], registry: TaskRegistry) -> list[SimModel]:
    """One served model per card, knowing the tool-use tasks in `registry`."""
    return [SimModel(card, registry) for card in cards]
