"""The web service: ``create_app()`` wires the store's lifecycle, GraphQL and health checks."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from strawberry.fastapi import GraphQLRouter

from app.api import schema
from app.api.context import Context
from app.settings import Settings, get_settings
from app.store import GraphStore, open_store


def _store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.store
    return store


async def _context(store: GraphStore = Depends(_store)) -> Context:  # noqa: B008  # FastAPI's DI idiom
    return Context(store=store)


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """The FastAPI app. Pass ``store`` to serve an already-open store (tests, ``kg serve``
    after loading); otherwise the store is opened from ``settings`` at startup.

    Usage example::

        uvicorn.run(create_app(), host="127.0.0.1", port=8000)
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if store is not None:
            yield
            return
        async with open_store(settings or get_settings()) as opened:
            app.state.store = opened
            yield

    app = FastAPI(title="Budget disclosure knowledge graph", lifespan=lifespan)
    if store is not None:
        app.state.store = store
    app.include_router(GraphQLRouter(schema, context_getter=_context, graphql_ide="graphiql"), prefix="/graphql")

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz")
    async def readyz(request: Request) -> JSONResponse:
        try:
            await _store(request).scalar("documents_count")
        except Exception as exc:
            return JSONResponse({"status": "unavailable", "reason": str(exc)}, status_code=503)
        return JSONResponse({"status": "ready"})

    return app
