"""The reference server's HTTP face: OpenAI's `/v1/chat/completions` and `/v1/models`, plus `/health`
(and, when faults place the context window there, llama.cpp's `/props` and SGLang's `/get_model_info`)."""

from __future__ import annotations

import asyncio
import dataclasses
import hmac
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from agentbench.endpoints.extensions import EPOCH_HEADER
from agentbench.endpoints.probe_prompts import probe_strategy
from agentbench.oracle import OracleStrategy
from agentbench.refserver.chat import ChatService
from agentbench.refserver.errors import APIError, install_error_handlers
from agentbench.refserver.faults import FAULTS_HEADER, FaultInjector, FaultPlan, Faults, WindowPlace, detail_error
from agentbench.refserver.foreign_errors import overflow_numbers
from agentbench.refserver.models import ReferenceModel, reference_models
from agentbench.refserver.render import Completion, completion_body, stream_events
from agentbench.refserver.schema import ChatRequest, parse_request
from agentbench.refserver.settings import Settings
from agentbench.refserver.sim.card import load_cards
from agentbench.refserver.sim.model import sim_models
from agentbench.refserver.sim.serving import PlantedTiming, paced, planted_timing, sleep_whole
from agentbench.spec import discover
from agentbench.suites.registry import load_suites
from agentbench.tokenizers import get_tokenizer

MODEL_CREATED = 1_735_689_600
"""Fixed `created` stamp of the model objects (2025-01-01): reference models never change."""

WORKER_THREADS = 8
"""Requests parsed, counted and answered at once, off the event loop."""


def create_app(settings: Settings, models: Sequence[ReferenceModel] | None = None,
               strategies: Sequence[OracleStrategy] = ()) -> FastAPI:
    """Build the server; `models` replaces the reference models (default: `reference_models(settings, ...)`).

    `ref/oracle` knows what it is handed here and nothing else: the probe's questions, every
    registered suite's oracle strategy for the task folders found, then `strategies` (a test's
    own workload). Nothing is registered globally, so apps built side by side stay independent.

    Raises `agentbench.tokenizers.UnknownTokenizer` for a tokenizer it cannot load.
    `app.state.service` and `app.state.registry` hold the models and the tasks the oracle knows,
    `app.state.faults` the faults to inject; requests are answered by worker threads that live
    from startup to shutdown.
    """
    registry = discover(settings.tasks_dirs)
    if models is None:
        known = [probe_strategy, *load_suites().oracle_strategies(registry), *strategies]
        models = [*reference_models(settings, known), *sim_models(load_cards(settings.model_cards), registry)]
    service = ChatService(get_tokenizer(settings.tokenizer), models)
    app = FastAPI(title="agentbench reference server", docs_url=None, redoc_url=None, openapi_url=None, lifespan=_workers)
    app.state.service = service
    app.state.registry = registry
    app.state.in_flight = InFlight()
    app.state.faults = FaultInjector(settings.faults)
    install_error_handlers(app)
    app.add_exception_handler(APIError, detail_error)

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    v1 = APIRouter(prefix="/v1", dependencies=[Depends(_bearer_key(settings.api_key))])

    def faults_of(request: Request) -> Faults:
        return request.app.state.faults.faults_for(request.headers.get(FAULTS_HEADER))

    @v1.get("/models")
    async def list_models(request: Request) -> dict[str, Any]:
        faults = faults_of(request)
        if faults.no_models:
            raise APIError(404, "Not Found")
        return {"object": "list", "data": [_model_object(model, faults.window_in) for model in service.models.values()]}

    @v1.get("/models/{name:path}")
    async def get_model(name: str, request: Request) -> dict[str, Any]:
        faults = faults_of(request)
        if faults.no_models:
            raise APIError(404, "Not Found")
        return _model_object(service.model(name), faults.window_in)

    @app.get("/props", dependencies=[Depends(_bearer_key(settings.api_key))])
    async def props(request: Request) -> dict[str, Any]:
        if faults_of(request).window_in != "props":
            raise APIError(404, "Not Found")
        window = _first_window(service)
        return {"n_ctx": window, "default_generation_settings": {"n_ctx": window}, "total_slots": 1}

    @app.get("/get_model_info", dependencies=[Depends(_bearer_key(settings.api_key))])
    async def model_info(request: Request) -> dict[str, Any]:
        if faults_of(request).window_in != "sglang":
            raise APIError(404, "Not Found")
        first = next(iter(service.models.values()))
        return {"model_path": first.name, "is_generation": True, "context_length": first.context_window}

    @v1.post("/chat/completions")
    async def chat_completions(request: Request) -> Response:
        started = asyncio.get_running_loop().time()
        body = await request.body()
        plan: FaultPlan = request.app.state.faults.plan(request.headers.get(FAULTS_HEADER))
        refusal = plan.refusal()
        if refusal is not None:
            return refusal
        if not plan.faults.single_thread:
            return (await _respond(request, service, body, plan, started, settings.time_scale))[0]
        lock: asyncio.Lock = request.app.state.one_at_a_time
        await lock.acquire()
        start = asyncio.get_running_loop().time()
        try:
            response, work_s = await _respond(request, service, body, plan, started, settings.time_scale)
        except BaseException:
            lock.release()
            raise
        if not isinstance(response, StreamingResponse):
            _release_at(lock, start + work_s)
            return response
        response.body_iterator = _releasing(response.body_iterator, lock, start + work_s)
        return response

    app.include_router(v1)
    return app


async def _respond(
    request: Request, service: ChatService, body: bytes, plan: FaultPlan, started: float, time_scale: float
) -> tuple[Response, float]:
    """The response, and the seconds a real server would spend generating it (latency and stalls).

    A simulated model's reply is paced by its planted timing; requests are counted in flight
    from arrival to the end of the reply (a simulated model's decode slows with the count).
    """
    epoch = _epoch(request.headers.get(EPOCH_HEADER))
    in_flight: InFlight = request.app.state.in_flight
    now = in_flight.enter()
    try:
        chat, completion, timing = await asyncio.get_running_loop().run_in_executor(
            request.app.state.workers, _answer, service, body, plan, epoch, now, time_scale
        )
    except BaseException:
        in_flight.leave()
        raise
    if chat.stream:
        usage = chat.include_usage and not plan.faults.no_stream_usage
        events = stream_events(completion, usage)
        stream = plan.stream(events, completion, usage)
        if timing is not None:
            stream = paced(stream, len(events) - 3 - int(usage), timing, started)
        response = StreamingResponse(in_flight.until_done(stream), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})
        return response, plan.work_s(completion)
    try:
        if timing is not None:
            await sleep_whole(timing, started)
        await plan.before_plain_reply(completion, request.is_disconnected)
    finally:
        in_flight.leave()
    return JSONResponse(completion_body(completion)), plan.work_s(completion)


def _release_at(lock: asyncio.Lock, when: float) -> None:
    """Free a single-threaded server only once it would have finished generating: like llama-cpp-python,
    it keeps working on a request whose client has gone."""
    loop = asyncio.get_running_loop()
    if when > loop.time():
        loop.call_at(when, lock.release)
    else:
        lock.release()


async def _releasing(events: AsyncIterator[Any], lock: asyncio.Lock, when: float) -> AsyncIterator[Any]:
    """A stream that frees the single-threaded server at `when` at the earliest, however it ends."""
    try:
        async for event in events:
            yield event
    finally:
        _release_at(lock, when)


@asynccontextmanager
async def _workers(app: FastAPI) -> AsyncIterator[None]:
    with ThreadPoolExecutor(WORKER_THREADS, thread_name_prefix="agentbench-refserver-worker") as workers:
        app.state.workers = workers
        app.state.one_at_a_time = asyncio.Lock()
        yield


def _answer(
    service: ChatService, body: bytes, plan: FaultPlan, epoch: int, in_flight: int, time_scale: float
) -> tuple[ChatRequest, Completion, PlantedTiming | None]:
    """Parse and answer in a worker thread, so long prompts never block the event loop.

    A simulated model's completion carries its planted timing (with `in_flight` requests served).
    """
    request = parse_request(body)
    plan.check_request(request)
    default_limit = None
    if plan.faults.ignore_max_tokens:
        request, default_limit = request.model_copy(update={"max_tokens": None, "max_completion_tokens": None}), plan.faults.server_max_tokens
    try:
        completion = service.answer(request, epoch, default_limit=default_limit)
    except APIError as error:
        if plan.faults.accept_overflow and overflow_numbers(error) is not None:
            completion = service.answer(request, epoch, enforce_window=False, default_limit=default_limit)
        else:
            completion = plan.overflow(error, request)
    serving = getattr(service.model(request.model), "serving", None)
    timing = None
    if serving is not None:
        timing = planted_timing(serving, completion.prompt_tokens, completion.completion.total, in_flight, time_scale)
        completion = dataclasses.replace(completion, timing=timing.as_field())
    return request, plan.alter(plan.misbehave(completion, request, service.tokenizer)), timing


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


def _model_object(model: ReferenceModel, window_in: WindowPlace = "models") -> dict[str, Any]:
    entry: dict[str, Any] = {"id": model.name, "object": "model", "created": MODEL_CREATED, "owned_by": "agentbench"}
    if window_in == "models":
        entry.update(context_window=model.context_window, max_model_len=model.context_window)
    elif window_in == "meta":
        entry["meta"] = {"n_ctx_train": model.context_window, "n_vocab": 151_936}
    return entry


def _first_window(service: ChatService) -> int:
    """The window a one-model server (llama.cpp) reports: that of its first model."""
    return next(iter(service.models.values())).context_window


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
