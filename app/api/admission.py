"""Admission: how many GraphQL requests one process executes at once, and how long the others wait.

Fifty clients on two cores, all admitted at once, shared the store and the event loop between fifty
answers in progress: each took fifty times as long, the slowest hit the request limit, and the big
answers in flight (thousands of projects each) all sat in memory together. Admitted a few at a time,
in arrival order, a request runs about as fast as alone and the others wait in a queue whose length
and wait are bounded: past either, a request is refused at once with 503 and the code ``OVERLOADED``
(with Retry-After) — the service is busy, not the store gone (``STORE_UNAVAILABLE``), and the request
ran no statement.
"""

from __future__ import annotations

import asyncio
import json

from starlette.types import ASGIApp, Receive, Scope, Send

OVERLOADED = "OVERLOADED"


class Admission:
    """ASGI middleware: at most ``at_once`` requests under ``path`` execute at a time; up to
    ``waiting`` more wait their turn in arrival order, each at most ``patience`` seconds."""

    def __init__(self, app: ASGIApp, *, at_once: int, waiting: int, patience: float, path: str) -> None:
        self.app, self.waiting, self.patience, self.path = app, waiting, patience, path
        self._turns = asyncio.Semaphore(at_once)
        self._queued = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.path):
            await self.app(scope, receive, send)
            return
        if self._turns.locked() and self._queued >= self.waiting:
            await _refuse(send, f"{self._queued} requests are already waiting")
            return
        self._queued += 1
        try:
            async with asyncio.timeout(self.patience):
                await self._turns.acquire()
        except TimeoutError:
            await _refuse(send, f"no turn within {self.patience:g}s")
            return
        finally:
            self._queued -= 1
        try:
            await self.app(scope, receive, send)
        finally:
            self._turns.release()


async def _refuse(send: Send, why: str) -> None:
    body = json.dumps({"data": None, "errors": [{
        "message": f"the service is busy ({why}); retry shortly", "extensions": {"code": OVERLOADED}}]})
    await send({"type": "http.response.start", "status": 503,
                "headers": [(b"content-type", b"application/json"), (b"retry-after", b"1")]})
    await send({"type": "http.response.body", "body": body.encode()})
