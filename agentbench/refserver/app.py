"""The reference server's HTTP face: OpenAI's `/v1/chat/completions` and `/v1/models`, plus `/health`."""

from __future__ import annotations

import asyncio
import dataclasses
import hmac
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from agentbench.endpoints.extensions import EPOCH_HEADER
from agentbench.refserver.chat import ChatService
from agentbench.refserver.errors import APIError, install_error_handlers
from agentbench.refserver.faults import FAULTS_HEADER, FaultInjector, FaultPlan
from agentbench.refserver.models import ReferenceModel, reference_models
from agentbench.refserver.render import Completion, completion_body, stream_events
from agentbench.refserver.schema import ChatRequest, parse_request
from agentbench.refserver.settings import Settings
from agentbench.refserver.sim.card import load_cards
from agentbench.refserver.sim.model import sim_models
from agentbench.refserver.sim.serving import PlantedTiming, paced, planted_timing, sleep_whole
from agentbench.spec import TaskRegistry, discover
from agentbench.tokenizers import get_tokenizer

MODEL_CREATED = 1_735_689_600
"""Fixed `created` stamp of the model objects (2025-01-01): reference models never change."""

WORKER_THREADS = 8
"""Requests parsed, counted and answered at once, off the event loop."""


def create_app(settings: Settings, models: Sequence[ReferenceModel] | None = None) -> FastAPI:
    """Build the server; `models` replaces the reference models (default: `reference_models(settings)`).

    Raises `agentbench.tokenizers.UnknownTokenizer` for a tokenizer it cannot load.
    `app.state.service` and `app.state.registry` hold the models and the tasks the oracle knows,
    `app.state.faults` the faults to inject; requests are answered by worker threads that live
    from startup to shutdown.
    """
    registry = teach_oracle(settings.tasks_dirs)
    if models is None:
        models = [*reference_models(settings), *sim_models(load_cards(settings.model_cards), registry)]
    service = ChatService(get_tokenizer(settings.tokenizer), models)
    app = FastAPI(title="agentbench reference server", docs_url=None, redoc_url=None, openapi_url=None, lifespan=_workers)
    app.state.service = service
    app.state.registry = registry
    app.state.in_flight = InFlight()
    app.state.faults = FaultInjector(settings.faults)
    install_error_handlers(app)

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    v1 = APIRouter(prefix="/v1", dependencies=[Depends(_bearer_key(settings.api_key))])

    @v1.get("/models")
    async def list_models() -> dict[str, Any]:
        return {"object": "list", "data": [_model_object(model) for model in service.models.values()]}

    @v1.get("/models/{name:path}")
    async def get_model(name: str) -> dict[str, Any]:
        return _model_object(service.model(name))

    @v1.post("/chat/completions")
    async def chat_completions(request: Request) -> Response:
        started = asyncio.get_running_loop().time()
        body = await request.body()
        plan: FaultPlan = request.app.state.faults.plan(request.headers.get(FAULTS_HEADER))
        refusal = plan.refusal()
        if refusal is not None:
            return refusal
        epoch = _epoch(request.headers.get(EPOCH_HEADER))
        in_flight: InFlight = request.app.state.in_flight
        now = in_flight.enter()
        try:
            chat, completion, timing = await asyncio.get_running_loop().run_in_executor(
                request.app.state.workers, _answer, service, body, plan, epoch, now, settings.time_scale
            )
        except BaseException:
            in_flight.leave()
            raise
        if chat.stream:
            events = stream_events(completion, chat.include_usage)
            stream = plan.stream(events, completion, chat.include_usage)
            if timing is not None:
                stream = paced(stream, len(events) - 3 - int(chat.include_usage), timing, started)
            return StreamingResponse(in_flight.until_done(stream), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})
        try:
            if timing is not None:
                await sleep_whole(timing, started)
            await plan.before_plain_reply(completion, request.is_disconnected)
        finally:
            in_flight.leave()
        return JSONResponse(completion_body(completion))

    app.include_router(v1)
    return app


@asynccontextmanager
async def _workers(app: FastAPI) -> AsyncIterator[None]:
    with ThreadPoolExecutor(WORKER_THREADS, thread_name_prefix="agentbench-refserver-worker") as workers:
        app.state.workers = workers
        yield


def teach_oracle(tasks_dirs: Sequence[Path]) -> TaskRegistry:
    """Register every oracle strategy: suites and the probe on import, tool-use tasks from the folders found."""
    import agentbench.suites  # noqa: F401  (suites register their strategies on import)
    import agentbench.endpoints.probe_prompts  # noqa: F401  (ref/oracle answers `agentbench probe`)
    from agentbench.suites.tool_use_oracle import register_tool_use_oracle

    registry = discover(tasks_dirs)
    register_tool_use_oracle(registry)
    return registry


def _answer(
    service: ChatService, body: bytes, plan: FaultPlan, epoch: int, in_flight: int, time_scale: float
) -> tuple[ChatRequest, Completion, PlantedTiming | None]:
    """Parse and answer in a worker thread, so long prompts never block the event loop.

    A simulated model's completion carries its planted timing (with `in_flight` requests served).
    """
    request = parse_request(body)
    plan.check_request(request)
    try:
        completion = service.answer(request, epoch)
    except APIError as error:
        completion = plan.overflow(error, request)
    serving = getattr(service.model(request.model), "serving", None)
    timing = None
    if serving is not None:
        timing = planted_timing(serving, completion.prompt_tokens, completion.completion.total, in_flight, time_scale)
        completion = dataclasses.replace(completion, timing=timing.as_field())
    return request, plan.alter(completion), timing


def _epoch(header: str | None) -> int:
    """The attempt number the client sent (1 when absent); a bad value is a one-line 400."""
    if header is None:
        return 1
    if not header.strip().isdigit() or int(header) < 1:
        raise APIError(400, f"{EPOCH_HEADER} must be a positive whole number, not {header!r}")
    return int(header)


class InFlight:
    """How many chat requests this app is serving, from arrival to the end of the reply.

    Touched only on the event loop's thread; a simulated model's decode slows with the count.
    """

    def __init__(self) -> None:
        self.count = 0

    def enter(self) -> int:
        """Count one more request; returns the count including it."""
        self.count += 1
        return self.count

    def leave(self) -> None:
        self.count -= 1

    async def until_done(self, events: AsyncIterator[str]) -> AsyncIterator[str]:
        """The stream, counted as in flight until it ends (or the client goes)."""
        try:
            async for event in events:
                yield event
        finally:
            self.leave()


def _model_object(model: ReferenceModel) -> dict[str, Any]:
    return {
        "id": model.name,
        "object": "model",
        "created": MODEL_CREATED,
        "owned_by": "agentbench",
        "context_window": model.context_window,
        "max_model_len": model.context_window,
    }


def _bearer_key(api_key: str | None) -> Callable[[Request], Awaitable[None]]:
    async def check(request: Request) -> None:
        if api_key is None:
            return
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not given:
            raise APIError(
                401,
                "You didn't provide an API key. Send it in an Authorization header using Bearer auth "
                "(Authorization: Bearer YOUR_KEY).",
                code="invalid_api_key",
            )
        if not hmac.compare_digest(given.strip().encode(), api_key.encode()):
            raise APIError(401, f"Incorrect API key provided: {_masked(given.strip())}.", code="invalid_api_key")

    return check


def _masked(key: str) -> str:
    return f"{key[:3]}***{key[-4:]}" if len(key) > 10 else "***"
