"""The playground as a person uses it: headless Chromium (Debian's) opens GraphiQL served by the
app over real HTTP, runs the preloaded headline query and saves a screenshot (kept in
KG_SCREENSHOT_DIR when set). The browser plumbing is in tests/browser.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.store import GraphStore
from tests.browser import CHROMIUM, chromium, serving
from tests.builders import WORLD, load

RESPONSE = "document.querySelector('.graphiql-response .CodeMirror')?.CodeMirror?.getValue() || ''"

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")


async def test_graphiql_runs_the_headline_query_offline(store: GraphStore, tmp_path: Path) -> None:
    await load(store, *WORLD)
    async with serving(store) as base, chromium(tmp_path / "profile") as browser:
        await browser.open_tab()
        await browser.send("Page.navigate", url=f"{base}/graphql")
        await browser.wait_for("!!document.querySelector('.graphiql-execute-button')")
        assert "PolicyFunds" in await browser.evaluate(
            "document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.getValue()")
        await browser.evaluate("document.querySelector('.graphiql-execute-button').click()")
        text = await browser.wait_for(f"({RESPONSE}).includes('fundedProjects') && ({RESPONSE})")
        response = json.loads(text)
        units = {p["unit"]["name"] for p in response["data"]["policy"]["fundedProjects"]}
        assert units == {"昌吉回族自治州社会保险中心", "和静县社会保险中心"}
        png = await browser.screenshot(f"playground-{store.name}.png", tmp_path)
        assert not browser.errors()
    assert png.startswith(b"\x89PNG") and len(png) > 20_000
