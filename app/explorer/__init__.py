"""The explorer: a web page over the public GraphQL API (app/explorer/web, plain TypeScript and
ECharts, built by Vite at setup time), served at ``/explore`` with no CDN.

Files of the build are served as they are; any other path under ``/explore`` gets the page
itself, whose router shows the view the address names, so deep links such as
``/explore/policy/新政办发〔2010〕168号`` work when opened directly.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

PREFIX = "/explore"
DIST_DIR = Path(__file__).resolve().parent / "web" / "dist"
_MISSING = ("<!doctype html><meta charset='utf-8'><title>Explorer not built</title>"
            "<p>The explorer is not built: run <code>make setup</code> (npm ci and a Vite build in "
            "app/explorer/web). The API itself works at <a href='/graphql'>/graphql</a>.</p>")
# Hashed asset names never change content: cache them for a year; the page itself, never.
_IMMUTABLE = {"cache-control": "public, max-age=31536000, immutable"}
_NO_CACHE = {"cache-control": "no-cache"}


def built() -> bool:
    return (DIST_DIR / "index.html").is_file()


def _page() -> Response:
    if not built():
        return HTMLResponse(_MISSING, status_code=503)
    return FileResponse(DIST_DIR / "index.html", media_type="text/html", headers=_NO_CACHE)


def router() -> APIRouter:
    """``/explore`` and everything under it: a built file when one exists, else the page."""
    routes = APIRouter()

    @routes.api_route(PREFIX, methods=["GET", "HEAD"], include_in_schema=False)
    async def explore_root() -> Response:
        return RedirectResponse(f"{PREFIX}/")

    @routes.api_route(PREFIX + "/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
    async def explore(path: str) -> Response:
        if path.startswith("assets/"):
            file = (DIST_DIR / path).resolve()
            if file.is_relative_to(DIST_DIR.resolve()) and file.is_file():
                return FileResponse(file, headers=_IMMUTABLE)
            return Response(status_code=404)
        return _page()

    return routes
