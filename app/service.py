"""The web service: ``create_app()`` wires the store's lifecycle, GraphQL and health checks."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from strawberry.fastapi import GraphQLRouter

from app.api import schema
from app.api.context import Context
from app.playground import ASSETS_DIR, playground_html
from app.settings import Settings, get_settings
from app.store import GraphStore, open_store


def _store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.store
    return store


async def _context(store: GraphStore = Depends(_store)) -> Context:  # noqa: B008  # FastAPI's DI idiom
    return Context(store=store)


ASSETS_URL = "/graphiql-assets"


class _Router(GraphQLRouter[Context, None]):
    """Strawberry's router with our GraphiQL page (local assets, example tabs) instead of the
    default one, which loads React and GraphiQL from a CDN."""

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        return HTMLResponse(playground_html(ASSETS_URL))


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
    app.include_router(_Router(schema, context_getter=_context), prefix="/graphql")
    ASSETS_DIR.mkdir(exist_ok=True)
    app.mount(ASSETS_URL, StaticFiles(directory=ASSETS_DIR), name="graphiql-assets")

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
