"""First render of the explorer's views in headless Chromium, on the seeds and on a policy funding
``--projects`` projects, with the share spent waiting for the GraphQL API.

    .venv/bin/python -m benchmarks.bench_explorer [--repeat 5] [--projects 1000]

Per view, the medians over ``--repeat`` fresh page loads, in ms: ``page`` from opening the address
to the view drawn (HTML, the bundle, the requests, the DOM and the charts' first frame), ``view``
from routing to drawn, ``api`` the GraphQL requests' time within it. Needs the explorer built
(``make setup``) and Chromium. Figures, not assertions: this is not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
from pathlib import Path

from app.explorer import DIST_DIR, built
from app.loading.runner import LoadOptions, run_load
from app.store import GraphStore
from app.store.embedded_server import EmbeddedFalkorDB
from app.store.falkordb_driver import FalkorDBDriver
from loaders.facts import CitationRole, PolicyRef
from tests.browser import chromium, serving
from tests.builders import SRC, document, load, project
from tests.corpus import SEEDS
from tests.cypher import delete_all
from tests.test_explorer_browser import project_id

WIDE = "测财发〔2025〕1号"
LONGEST = """window.kgLongest = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) kgLongest = Math.max(kgLongest, e.duration); })
  .observe({ type: "longtask", buffered: true });"""
VIEWS = {
    "home": "/explore/",
    "policy (seeds)": "/explore/policy/新政办发〔2010〕168号",
    "unit (seeds)": "/explore/unit/和静县社会保险中心",
    "search (seeds)": "/explore/search?q=社会保险",
    "quality (seeds)": "/explore/quality",
}


async def main(args: argparse.Namespace) -> None:
    if not built():
        raise SystemExit(f"the explorer is not built ({DIST_DIR}): make setup")
    bundle = sum(f.stat().st_size for f in (DIST_DIR / "assets").iterdir())
    print(f"bundle: {bundle / 1024:.0f} KiB in {DIST_DIR / 'assets'}")
    policy = PolicyRef(WIDE, "测试用的大政策", CitationRole.BASIS, SRC)
    units = max(1, args.projects // 20)
    views = {**VIEWS, f"policy ({units * 20} projects)": f"/explore/policy/{WIDE}"}
    with tempfile.TemporaryDirectory(prefix="kg-bench-explorer-") as tmp:
        embedded = EmbeddedFalkorDB(Path(tmp) / "db")
        store = GraphStore(FalkorDBDriver("bench-explorer", unix_socket_path=str(embedded.start())))
        try:
            await store.connect()
            await run_load(store, [SEEDS], LoadOptions(workers=2))
            await load(store, *(document(f"测试单位{u:03d}", 2025, *(project(f"项目{u:03d}-{p:02d}", 1.0 + p, policy)
                                                                 for p in range(20)), sha=f"{u:064d}")
                                for u in range(units)))
            async with serving(store) as base, chromium(Path(tmp) / "profile") as browser:
                views["project (seeds)"] = "/explore/project/" + await project_id(
                    base, "昌吉回族自治州社会保险中心", 2025, "BUDGET", "95年以前退休人员生活费")
                await browser.open_tab()
                await browser.send("Page.addScriptToEvaluateOnNewDocument", source=LONGEST)
                print(f"{'view':<26}{'page':>8}{'view':>8}{'api':>8}{'block':>8}   (median ms of {args.repeat})")
                for name, path in views.items():
                    runs = []
                    for _ in range(args.repeat):
                        timings = await browser.visit(base + path)
                        await asyncio.sleep(1)
                        runs.append({**timings, "block": await browser.evaluate("window.kgLongest")})
                    med = {k: statistics.median(r[k] for r in runs) for k in ("page", "view", "api", "block")}
                    print(f"{name:<26}{med['page']:>8.0f}{med['view']:>8.0f}{med['api']:>8.0f}{med['block']:>8.0f}")
                if browser.errors():
                    print("console errors:", browser.errors())
        finally:
            await delete_all(store)
            await store.close()
            embedded.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--projects", type=int, default=1000)
    asyncio.run(main(parser.parse_args()))
