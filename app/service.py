"""The web service: ``create_app()`` wires the store's lifecycle, GraphQL with its limits, the
API key, CORS, health checks, metrics and the explorer page (``/explore``)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import hmac
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import orjson
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.routing import WebSocketRoute
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from app.api import schema
from app.api.admission import Admission
from app.api.context import Context
from app.api.cost_limits import RequestTimeout
from app.api.metrics import Metrics, MetricsMiddleware
from app.api.warmup import warm_up
from app.explorer import router as explorer_router
from app.playground import ASSETS_DIR, playground_html
from app.readiness import SharedReadiness
from app.settings import Settings, get_settings
from app.store import GraphStore, open_store

ASSETS_URL = "/graphiql-assets"
GRAPHQL_PATH = "/graphql"
GC_THRESHOLDS = (200_000, 20, 100)
"""The collector's thresholds while serving. A big answer keeps its parents' pending resolvers,
tasks and futures alive until it completes; at Python's default (700, 10, 10) the collector walks
them again every few hundred allocations: 10,000 projects with ``unit { name }`` ran ~1,070
collections, half the request's time (benchmarks/bench_big_answers.py). Five of that request (and
of its Cypher replayed) still ran 39 young collections at 50,000 (1.5 s of ~12 s under load 10),
one at 200,000 (0.2 s). Rarer passes only let garbage in reference cycles wait longer before it is
freed, and a request leaves little of it (tests/test_api_cycles.py)."""
SWEEP_SECONDS = 10.0
"""How often the service runs a full collection. At GC_THRESHOLDS the older generations are collected
after hundreds of millions of allocations, and what a request had in flight when a young collection
ran is promoted to them: its garbage in reference cycles stayed. The Neo4j driver leaves some 150
objects in cycles per statement (its session's handlers, hydration scope, config), holding more; in a
50-client soak each worker's RSS rose 200 → 850 MiB in 10 minutes and kept rising, the same requests
one at a time stayed flat. A full pass every 10 s (0.1-0.4 s under load, over what ``gc.freeze()``
left out) frees it."""
SWEEP_REQUESTS = 100
"""GraphQL requests after which the full pass comes at once, not at the end of its :data:`SWEEP_SECONDS`.
What it frees is made by requests (the Neo4j driver's cycles, some 80 objects a statement, with the
parameters it was sent: ~0.1-0.25 MiB a request), so a pass by the clock held garbage in proportion to
throughput, and RSS, which the allocator does not give back, kept the highest: in a 50-client soak each
worker rose from 194-201 MiB to 242-253 MiB when throughput tripled in the last minute. After at most this
many requests it is bounded by the work, whatever the rate."""


def _opening_status(app: FastAPI) -> dict[str, str]:
    opening: asyncio.Task[None] | None = getattr(app.state, "opening", None)
    if opening is not None and opening.done() and not opening.cancelled() and opening.exception() is not None:
        return {"status": "unavailable", "reason": str(opening.exception())}
    return {"status": "loading"}


class _Sweeper:
    """Full collections while the service runs: every :data:`SWEEP_SECONDS`, or sooner once
    :data:`SWEEP_REQUESTS` requests were served since the last one."""

    def __init__(self) -> None:
        self.served = 0
        self.due = asyncio.Event()

    def count(self) -> None:
        """One more request served."""
        self.served += 1
        if self.served >= SWEEP_REQUESTS:
            self.due.set()

    async def run(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.due.wait(), SWEEP_SECONDS)
            self.served = 0
            self.due.clear()
            gc.collect()


class _GraphQL(GraphQL[Context, None]):
    """Strawberry's GraphQL view as a plain ASGI endpoint, with our GraphiQL page (local assets, example
    tabs) instead of the default one, which loads React and GraphiQL from a CDN. Not a FastAPI route:
    its dependency injection and request/response wrapping cost as much CPU as executing a small
    query (``{ __typename }``: ~0.3 ms through the app, a third of it solving the context's
    dependencies); the context is made here, from the app's state, on every request."""

    def __init__(self, config: Settings, metrics: Metrics, sweeper: _Sweeper) -> None:
        super().__init__(schema)
        self.config, self.metrics, self.sweeper = config, metrics, sweeper

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """503 (``detail``: "loading", or "unavailable") while the store is still being opened (a big
        embedded graph takes a while)."""
        if getattr(scope["app"].state, "store", None) is None:
            status = _opening_status(scope["app"])["status"]
            if scope["type"] == "websocket":
                await WebSocket(scope, receive, send).close(code=1013, reason=status)
                return
            await JSONResponse({"detail": status}, status_code=503)(scope, receive, send)
            return
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.sweeper.count()

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        given = request.headers.get("x-api-key")
        configured = self.config.api_key
        return Context(store=request.app.state.store, metrics=self.metrics, source_url_base=self.config.source_url_base,
                       api_key_ok=configured is not None and given is not None
                       and hmac.compare_digest(given.encode(), configured.encode()))

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        return HTMLResponse(playground_html(ASSETS_URL))

    def decode_json(self, data: str | bytes) -> object:
        """orjson, as the answer is encoded; a body that is not JSON raises json's JSONDecodeError (orjson's
        is one): 400."""
        return orjson.loads(data)

    def encode_json(self, data: object) -> bytes:
        """orjson: several times faster than json.dumps on a big answer; the same JSON (UTF-8 text)."""
        return orjson.dumps(data)


class _Service(FastAPI):
    """The FastAPI app, with GraphQL over HTTP on a short path: a request to :data:`GRAPHQL_PATH` passes the
    app's own middleware (metrics, CORS, admission, the time limit: each made again for this path, from the
    same declarations) straight to the GraphQL view, not FastAPI's and Starlette's layers around every route
    (telemetry check, error and exception middleware, the router matching each route): about a third of
    the Python a small query's request ran outside GraphQL. Every other request, websockets on that path
    too, goes through the app as usual."""

    _graphql: ASGIApp | None = None
    graphql_view: ASGIApp | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != GRAPHQL_PATH or self.graphql_view is None:
            await super().__call__(scope, receive, send)
            return
        if self._graphql is None:  # once every middleware is added
            self._graphql = self.graphql_view
            for cls, args, kwargs in reversed(self.user_middleware):
                self._graphql = cls(self._graphql, *args, **kwargs)
        scope["app"] = self
        await self._graphql(scope, receive, send)


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """The FastAPI app. Pass ``store`` to serve an already-open store (tests, ``kg serve``
    after loading); otherwise the store is opened from ``settings`` at startup.

    Usage example::

        uvicorn.run(create_app(), host="127.0.0.1", port=8000)
    """
    config = settings or get_settings()
    metrics = Metrics()
    sweeper = _Sweeper()
    shared = SharedReadiness.from_settings(config)
    gc.set_threshold(*GC_THRESHOLDS)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        """Serving, with garbage in reference cycles swept (:class:`_Sweeper`)."""
        sweeping = asyncio.create_task(sweeper.run())
        try:
            async with serving(app):
                yield
        finally:
            sweeping.cancel()

    @asynccontextmanager
    async def serving(app: FastAPI) -> AsyncIterator[None]:
        """The store opens in the background: the service answers at once (/healthz, /readyz
        says "loading") while a big embedded graph is read from disk, then warms up
        (app/api/warmup.py) before it is ready."""
        if store is not None:
            yield
            return
        closing = asyncio.Event()

        async def hold() -> None:
            async with open_store(config) as opened:
                await warm_up(opened, config.warmup_seconds)
                app.state.store = opened
                shared.mark(True)
                try:
                    await closing.wait()
                finally:
                    shared.mark(False)
                    app.state.store = None

        app.state.store = None
        app.state.opening = asyncio.create_task(hold())
        # What importing and building the app made (the schema's ~150,000 objects) lives as long as the
        # process: out of the collector's full passes, which otherwise walk it all every few requests.
        gc.freeze()
        try:
            yield
        finally:
            closing.set()
            with contextlib.suppress(Exception):
                await app.state.opening

    app = _Service(title="Budget disclosure knowledge graph", lifespan=lifespan)
    if store is not None:
        app.state.store = store
    graphql = _GraphQL(config, metrics, sweeper)
    app.graphql_view = graphql
    app.router.routes += [WebSocketRoute(GRAPHQL_PATH, graphql)]
    ASSETS_DIR.mkdir(exist_ok=True)
    app.mount(ASSETS_URL, StaticFiles(directory=ASSETS_DIR), name="graphiql-assets")
    app.include_router(explorer_router())
    app.add_middleware(RequestTimeout, seconds=config.request_timeout_seconds, path=GRAPHQL_PATH)
    # outside the time limit: a request's time runs from its turn, its wait has a limit of its own
    app.add_middleware(Admission, at_once=config.requests_at_once, waiting=config.requests_waiting,
                       patience=config.queue_timeout_seconds, path=GRAPHQL_PATH)
    if config.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(config.cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["content-type", "x-api-key"])
    app.add_middleware(MetricsMiddleware, metrics=metrics)

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz")
    async def readyz(request: Request) -> JSONResponse:
        if getattr(request.app.state, "store", None) is None:
            return JSONResponse(_opening_status(request.app), status_code=503)
        store = request.app.state.store
        try:
            await store.scalar("documents_count")
            building = await store.building()
        except Exception as exc:
            return JSONResponse({"status": "unavailable", "reason": str(exc)}, status_code=503)
        if building:  # an index created on a big graph fills in the background; until then a full-text
            # search finds nothing there (docs/deploy.md), so the store is not ready
            return JSONResponse({"status": "loading", "indexes": "building"}, status_code=503)
        ready, workers = shared.count()
        if ready < workers:  # another worker behind the same port cannot serve yet (app/readiness.py)
            return JSONResponse({"status": "loading", "workers": f"{ready}/{workers} ready"}, status_code=503)
        return JSONResponse({"status": "ready"})

    @app.get("/metrics")
    async def metrics_page(request: Request) -> PlainTextResponse:
        opened = getattr(request.app.state, "store", None)
        return PlainTextResponse(metrics.render(opened.round_trips if opened else 0),
                                 media_type="text/plain; version=0.0.4")

    return app
