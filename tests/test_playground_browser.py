"""The playground as a person uses it: headless Chromium (Debian's) opens GraphiQL served by the
app over real HTTP, runs the preloaded headline query and saves a screenshot.

Chromium is driven with the DevTools protocol over a pipe (--remote-debugging-pipe: JSON
messages separated by NUL on file descriptors 3 and 4), so no browser download and no
WebSocket client are needed. Set KG_SCREENSHOT_DIR to keep the screenshots.
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

import pytest
import uvicorn

from app.service import create_app
from app.settings import Settings
from app.store import GraphStore
from tests.builders import load
from tests.test_api import WORLD

CHROMIUM = shutil.which("chromium")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--remote-debugging-pipe")
RESPONSE = "document.querySelector('.graphiql-response .CodeMirror')?.CodeMirror?.getValue() || ''"

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")


class DevTools:
    """A minimal DevTools-protocol client: one request at a time, events skipped."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.WriteTransport) -> None:
        self.reader, self.writer, self.next_id, self.session = reader, writer, 0, None

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params}
        if self.session is not None:
            message["sessionId"] = self.session
        self.writer.write(json.dumps(message).encode() + b"\0")
        while True:
            reply = json.loads((await asyncio.wait_for(self.reader.readuntil(b"\0"), 30))[:-1])
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply["result"]
                return result

    async def evaluate(self, expression: str) -> Any:
        reply = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return reply["result"].get("value")

    async def wait_for(self, expression: str, seconds: float = 30.0) -> Any:
        for _ in range(int(seconds * 10)):
            if value := await self.evaluate(expression):
                return value
            await asyncio.sleep(0.1)
        raise TimeoutError(f"still false after {seconds}s: {expression}")


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


async def test_graphiql_runs_the_headline_query_offline(store: GraphStore, tmp_path: Path) -> None:
    await load(store, *WORLD)
    async with serving(store) as base, chromium(tmp_path / "profile") as browser:
        target = await browser.send("Target.createTarget", url="about:blank")
        attached = await browser.send("Target.attachToTarget", targetId=target["targetId"], flatten=True)
        browser.session = attached["sessionId"]
        await browser.send("Emulation.setDeviceMetricsOverride", width=1400, height=900, deviceScaleFactor=1,
                           mobile=False)
        await browser.send("Page.navigate", url=f"{base}/graphql")
        await browser.wait_for("!!document.querySelector('.graphiql-execute-button')")
        assert "PolicyFunds" in await browser.evaluate(
            "document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.getValue()")
        await browser.evaluate("document.querySelector('.graphiql-execute-button').click()")
        text = await browser.wait_for(f"({RESPONSE}).includes('fundedProjects') && ({RESPONSE})")
        response = json.loads(text)
        units = {p["unit"]["name"] for p in response["data"]["policy"]["fundedProjects"]}
        assert units == {"昌吉回族自治州社会保险中心", "和静县社会保险中心"}
        shot = await browser.send("Page.captureScreenshot", format="png")
    png = base64.b64decode(shot["data"])
    assert png.startswith(b"\x89PNG") and len(png) > 20_000
    keep = Path(os.environ.get("KG_SCREENSHOT_DIR") or tmp_path)
    keep.mkdir(parents=True, exist_ok=True)
    (keep / f"playground-{store.name}.png").write_bytes(png)
