"""The reference server's HTTP face: OpenAI's `/v1/chat/completions` and `/v1/models`, plus `/health`."""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from agentbench.refserver.chat import ChatService
from agentbench.refserver.errors import APIError, install_error_handlers
from agentbench.refserver.faults import FAULTS_HEADER, FaultInjector, FaultPlan
from agentbench.refserver.models import ReferenceModel, reference_models
from agentbench.refserver.render import Completion, completion_body, stream_events
from agentbench.refserver.schema import ChatRequest, parse_request
from agentbench.refserver.settings import Settings
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
    service = ChatService(get_tokenizer(settings.tokenizer), models if models is not None else reference_models(settings))
    app = FastAPI(title="agentbench reference server", docs_url=None, redoc_url=None, openapi_url=None, lifespan=_workers)
    app.state.service = service
    app.state.registry = teach_oracle(settings.tasks_dirs)
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
        body = await request.body()
        plan: FaultPlan = request.app.state.faults.plan(request.headers.get(FAULTS_HEADER))
        refusal = plan.refusal()
        if refusal is not None:
            return refusal
        chat, completion = await asyncio.get_running_loop().run_in_executor(request.app.state.workers, _answer, service, body, plan)
        if chat.stream:
            events = plan.stream(stream_events(completion, chat.include_usage), completion, chat.include_usage)
            return StreamingResponse(events, media_type="text/event-stream", headers={"Cache-Control": "no-cache"})
        await plan.before_plain_reply(completion, request.is_disconnected)
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


def _answer(service: ChatService, body: bytes, plan: FaultPlan) -> tuple[ChatRequest, Completion]:
    """Parse and answer in a worker thread, so long prompts never block the event loop."""
    request = parse_request(body)
    plan.check_request(request)
    try:
        completion = service.answer(request)
    except APIError as error:
        completion = plan.overflow(error, request)
    return request, plan.alter(completion)


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
