"""Headless Chromium (Debian's) driven over the DevTools protocol, and the app served on a free
loopback port: what the browser tests (GraphiQL, the explorer) share.

The protocol runs over a pipe (--remote-debugging-pipe: JSON messages separated by NUL on file
descriptors 3 and 4), so no browser download and no WebSocket client are needed. Events the
browser sends between replies are kept, so a test can ask what was logged and requested.
Set KG_SCREENSHOT_DIR to keep the screenshots.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import shutil
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import uvicorn

from app.service import create_app
from app.settings import Settings
from app.store import GraphStore

CHROMIUM = shutil.which("chromium")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--remote-debugging-pipe")


class DevTools:
    """A minimal DevTools-protocol client: one request at a time; events are kept in ``events``."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.WriteTransport) -> None:
        self.reader, self.writer, self.next_id = reader, writer, 0
        self.session: str | None = None
        self.events: list[dict[str, Any]] = []

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params}
        if self.session is not None:
            message["sessionId"] = self.session
        self.writer.write(json.dumps(message).encode() + b"\0")
        while True:
            reply = json.loads((await asyncio.wait_for(self.reader.readuntil(b"\0"), 60))[:-1])
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply["result"]
                return result
            if "method" in reply:
                self.events.append(reply)

    async def evaluate(self, expression: str) -> Any:
        """The expression's value (awaited when it is a promise), or the exception it threw."""
        reply = await self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in reply:
            raise RuntimeError(f"{expression}: {reply['exceptionDetails'].get('exception', {}).get('description')}")
        return reply["result"].get("value")

    async def wait_for(self, expression: str, seconds: float = 30.0) -> Any:
        for _ in range(int(seconds * 10)):
            if value := await self.evaluate(expression):
                return value
            await asyncio.sleep(0.1)
        raise TimeoutError(f"still false after {seconds}s: {expression}")

    async def open_tab(self, width: int = 1400, height: int = 900) -> None:
        """A new tab this client talks to, with console, errors and network recorded."""
        target = await self.send("Target.createTarget", url="about:blank")
        attached = await self.send("Target.attachToTarget", targetId=target["targetId"], flatten=True)
        self.session = attached["sessionId"]
        await self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
                        mobile=False)
        for domain in ("Page", "Runtime", "Log", "Network"):
            await self.send(f"{domain}.enable")

    async def visit(self, url: str) -> dict[str, int]:
        """Open an explorer address and wait for its view; the page's timings (ms): ``view`` from
        routing to drawn, ``page`` from opening the address, ``api`` the GraphQL requests' time."""
        await self.evaluate("window.kgStale = true")  # gone once the new page loads
        await self.send("Page.navigate", url=url)
        await self.wait_for("!window.kgStale && document.body?.dataset.rendered")
        timings: dict[str, int] = await self.evaluate("""({
            view: +document.body.dataset.renderMs, page: +document.body.dataset.pageMs,
            api: Math.round(performance.getEntriesByType('resource').filter(e => e.initiatorType === 'fetch')
                 .reduce((a, e) => a + e.duration, 0)) })""")
        return timings

    async def download_to(self, folder: Path) -> None:
        """Save what the page downloads (CSV, PNG, SVG exports) into ``folder``."""
        session, self.session = self.session, None  # a browser-wide setting, not the tab's
        try:
            await self.send("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(folder))
        finally:
            self.session = session

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and failed loads seen so far."""
        found = []
        for event in self.events:
            params = event.get("params", {})
            if event["method"] == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                found.append(details.get("exception", {}).get("description") or details.get("text", ""))
            elif event["method"] == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif event["method"] == "Log.entryAdded" and params["entry"].get("level") == "error":
                found.append(f"{params['entry'].get('text')} {params['entry'].get('url', '')}")
        return found

    def requested(self) -> list[str]:
        """Every URL the page asked for (documents, scripts, fetches, images)."""
        return [e["params"]["request"]["url"] for e in self.events if e["method"] == "Network.requestWillBeSent"]

    async def screenshot(self, name: str, fallback: Path) -> bytes:
        """A PNG of the viewport, kept in KG_SCREENSHOT_DIR (else ``fallback``) as ``name``."""
        shot = await self.send("Page.captureScreenshot", format="png", captureBeyondViewport=False)
        png = base64.b64decode(shot["data"])
        keep = Path(os.environ.get("KG_SCREENSHOT_DIR") or fallback)
        keep.mkdir(parents=True, exist_ok=True)
        (keep / name).write_bytes(png)
        return png


@asynccontextmanager
async def chromium(profile: Path) -> AsyncIterator[DevTools]:
    """Chromium with the protocol on fds 3 (its input) and 4 (its output), moved there by bash
    (dash cannot redirect descriptors above 9)."""
    to_browser, from_us = os.pipe()
    to_us, from_browser = os.pipe()
    assert CHROMIUM is not None
    process = await asyncio.create_subprocess_exec(
        "/bin/bash", "-c", f'exec "$0" "$@" 3<&{to_browser} 4>&{from_browser}', CHROMIUM, *FLAGS,
        f"--user-data-dir={profile}", "about:blank", pass_fds=(to_browser, from_browser),
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
    os.close(to_browser)
    os.close(from_browser)
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=64 * 1024 * 1024)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), os.fdopen(to_us, "rb", 0))
    writer, _ = await loop.connect_write_pipe(asyncio.Protocol, os.fdopen(from_us, "wb", 0))
    try:
        yield DevTools(reader, writer)
    finally:
        writer.close()
        process.terminate()
        await process.wait()


@asynccontextmanager
async def serving(store: GraphStore) -> AsyncIterator[str]:
    """The app on a free loopback port, in this event loop (the store belongs to it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(Settings(), store=store), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task
