"""The explorer (/explore) as a person uses it: headless Chromium opens every view over real HTTP
on the seeds, on the real PDFs that load, and on a policy funding 1,000 projects, and checks
what a reader would check against what the public API returns: the projects a policy funds
with their units and amounts, the Sankey's totals, the indicators and sources of a project,
the findings. No console errors, no request to anywhere but the server. Screenshots of each
view go to KG_SCREENSHOT_DIR (else the test's tmp folder); render times are printed (-s).
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.explorer import built
from app.loading.runner import LoadOptions, run_load
from app.store import GraphStore
from tests.browser import CHROMIUM, DevTools, chromium, serving
from tests.builders import BASIS, document, load, project
from tests.corpus import SEEDS

REAL = SEEDS.parent / "real"
POLICY = "新政办发〔2010〕168号"
MET = {True: "✓ 达成", False: "✗ 未达成", None: "无法判断"}
ROWS = """[...document.querySelectorAll('[data-table^="{name}"] .vt-spacer .vt-row:not(.vt-group)')]
  .map(r => [...r.children].map(c => c.textContent))"""

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)"),
    pytest.mark.skipif(not built(), reason="the explorer is not built: make setup (npm ci + vite build)"),
]


def money(value: float | None) -> str:
    """As the page writes 万元: thousands separators, two decimals, a dash for unstated."""
    return "—" if value is None else f"{value:,.2f}"


async def graphql(base: str, query: str, **variables: Any) -> dict[str, Any]:
    async with httpx.AsyncClient() as client:
        reply = (await client.post(f"{base}/graphql", json={"query": query, "variables": variables})).json()
    assert "errors" not in reply, reply
    data: dict[str, Any] = reply["data"]
    return data


async def project_id(base: str, unit: str, year: int, kind: str, name: str) -> str:
    """A project's id as the API gives it (ids are the API's business, not the test's)."""
    projects = (await graphql(base, """query ($u: String!, $y: Int!) { unit(name: $u) { projects(fiscalYear: $y) {
        id name document { kind } } } }""", u=unit, y=year))["unit"]["projects"]
    found: str = next(p["id"] for p in projects if p["name"] == name and p["document"]["kind"] == kind)
    return found


async def visit(browser: DevTools, base: str, path: str) -> int:
    """Open a deep link; ms from opening it to its view drawn, as the page measures it."""
    timings = await browser.visit(f"{base}{path}")
    assert not await browser.evaluate("!!document.querySelector('main .error')"), await browser.evaluate(
        "document.querySelector('main').innerText")
    return timings["page"]


async def shoot(browser: DevTools, name: str, keep: Path) -> None:
    """The whole page (the viewport stretched to its height), then the viewport as it was."""
    await asyncio.sleep(0.8)  # let force layouts settle
    height = min(int(await browser.evaluate("document.documentElement.scrollHeight")), 6000)
    await browser.send("Emulation.setDeviceMetricsOverride", width=1400, height=height, deviceScaleFactor=1,
                       mobile=False)
    await asyncio.sleep(0.4)
    png = await browser.screenshot(f"explorer-{name}.png", keep)
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    await browser.send("Emulation.setDeviceMetricsOverride", width=1400, height=900, deviceScaleFactor=1,
                       mobile=False)


async def press(browser: DevTools, key: str, code: int) -> None:
    for kind in ("keyDown", "keyUp"):
        await browser.send("Input.dispatchKeyEvent", type=kind, key=key, code=key, windowsVirtualKeyCode=code,
                           **({"text": "\r"} if key == "Enter" and kind == "keyDown" else {}))


def assert_stayed_home(browser: DevTools, base: str) -> None:
    assert browser.errors() == []
    away = [u for u in browser.requested() if not u.startswith((base, "data:", "blob:"))]
    assert away == [], f"requests left the server: {away}"


async def check_sankey(browser: DevTools, base: str, unit: str, doc: dict[str, Any]) -> list[list[str]]:
    """The balance table under the Sankey shows, for every node money passes through, what the API's
    links bring in and take out."""
    flows = (await graphql(base, """query ($u: String!, $y: Int!, $k: DocumentKind!) {
        moneyFlows(unit: $u, fiscalYear: $y, kind: $k) { nodes { id label } links { source target valueWan } } }""",
                           u=unit, y=doc["fiscalYear"], k=doc["kind"]))["moneyFlows"]
    links = [x for x in flows["links"] if x["valueWan"]]
    expected = []
    for node in flows["nodes"]:
        inflow = round(sum(x["valueWan"] for x in links if x["target"] == node["id"]), 2)
        outflow = round(sum(x["valueWan"] for x in links if x["source"] == node["id"]), 2)
        if inflow > 0 and outflow > 0:
            expected.append([node["label"], money(inflow), money(outflow)])
    shown = await browser.evaluate("""[...document.querySelectorAll('[data-flow-balance] tbody tr')]
        .map(r => [...r.children].map(c => c.textContent))""")
    assert sorted([r[0], r[2], r[3]] for r in shown) == sorted(expected)
    return [[r[0], r[2], r[3]] for r in shown]


async def group(browser: DevTools, table: str, grouping: str) -> list[list[str]]:
    """Group the table by its grouping number ``grouping`` ("" for none); each group row's label and
    subtotal of the first money column (the fifth)."""
    found: list[list[str]] = await browser.evaluate(f"""(() => {{
        const select = document.querySelector('[data-table^="{table}"] select');
        select.value = {json.dumps(grouping)};
        select.dispatchEvent(new Event('change'));
        return [...document.querySelectorAll('[data-table^="{table}"] .vt-group')]
          .map(r => [r.children[0].textContent, r.children[4].textContent]); }})()""")
    return found


async def exports(browser: DevTools, folder: Path, rows: list[list[str]]) -> None:
    """The table as CSV (every row shown, then the total) and the chart as PNG and SVG."""
    folder.mkdir()
    await browser.download_to(folder)
    for button in ("导出 CSV", "导出 PNG", "导出 SVG"):
        await browser.evaluate(f"[...document.querySelectorAll('button')].find(b => b.textContent === '{button}')"
                               ".click()")
    for _ in range(100):
        if len([f for f in folder.iterdir() if not f.name.endswith(".crdownload")]) == 3:
            break
        await asyncio.sleep(0.1)
    files = {f.suffix: f for f in folder.iterdir()}
    assert set(files) == {".csv", ".png", ".svg"}, files
    lines = files[".csv"].read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].split(",")[:5] == ["年度", "项目", "单位", "地区", "预算（万元）"]
    assert sorted(line.split(",")[1] for line in lines[1:-1]) == sorted(r[1] for r in rows)
    assert lines[-1].startswith("合计")
    assert files[".png"].read_bytes().startswith(b"\x89PNG")
    svg = files[".svg"].read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "新政办发〔2010〕168号" in svg


async def test_the_explorer_on_the_seeds(store: GraphStore, tmp_path: Path) -> None:
    report = await run_load(store, [SEEDS], LoadOptions(workers=2))
    assert [o.reason for o in report.failed] == []
    keep = tmp_path / "shots"
    times: dict[str, int] = {}
    async with serving(store) as base, chromium(tmp_path / "profile") as browser:
        await browser.open_tab()

        times["home"] = await visit(browser, base, "/explore/")
        units = await graphql(base, "{ units { edges { node { name } } } }")
        text = await browser.evaluate("document.querySelector('main').innerText")
        assert all(edge["node"]["name"] in text for edge in units["units"]["edges"])
        await shoot(browser, "home", keep)

        # Policy: any bracket style; the table holds exactly the projects the API says it funds.
        times["policy"] = await visit(browser, base, "/explore/policy/新政办发(2010)168号")
        policy = (await graphql(base, """query ($n: String!) { policy(docNumber: $n) { fundedProjects {
            name fiscalYear budgetWan unit { name region { name } } } } }""", n=POLICY))["policy"]
        rows = await browser.evaluate(ROWS.replace("{name}", "资助项目"))
        assert sorted((r[0], r[1], r[2], r[3], r[4]) for r in rows) == sorted(
            (str(p["fiscalYear"]), p["name"], p["unit"]["name"], p["unit"]["region"]["name"], money(p["budgetWan"]))
            for p in policy["fundedProjects"])
        assert {(r[2], r[4]) for r in rows} >= {("昌吉回族自治州社会保险中心", "114.34"),
                                                ("和静县社会保险中心", "40.00")}
        total = sum(p["budgetWan"] for p in policy["fundedProjects"])
        assert await browser.evaluate("document.querySelector('[data-fact=budget-total]').textContent") == \
            f"{money(total)} 万元"
        assert await browser.evaluate("!!document.querySelector('[data-chart] canvas')")
        await shoot(browser, "policy", keep)
        await exports(browser, tmp_path / "downloads", rows)
        by_unit: dict[str, list[float]] = {}
        for p in policy["fundedProjects"]:
            by_unit.setdefault(p["unit"]["name"], []).append(p["budgetWan"])
        assert sorted(await group(browser, "资助项目", "1")) == sorted(
            [f"单位：{unit}（{len(amounts)}）", money(sum(amounts))] for unit, amounts in by_unit.items())
        await group(browser, "资助项目", "")

        # Keyboard: into the table, down to the first row, Enter opens its project.
        await browser.evaluate("document.querySelector('[data-table^=\"资助项目\"] .vt-body').focus()")
        await press(browser, "ArrowDown", 40)
        first = await browser.evaluate("document.querySelector('.vt-row.active .vt-cell:nth-child(2)').textContent")
        await press(browser, "Enter", 13)
        await browser.wait_for("location.pathname.startsWith('/explore/project/') && document.body.dataset.rendered"
                               " === 'project'")
        assert await browser.evaluate("document.querySelector('h1').textContent") == first

        # Project: indicators and the sources they were read from, the policies it rests on.
        pid = await project_id(base, "昌吉回族自治州社会保险中心", 2025, "BUDGET", "95年以前退休人员生活费")
        times["project"] = await visit(browser, base, f"/explore/project/{pid}")
        detail = (await graphql(base, """query ($id: ID!) { project(id: $id) { budgetWan
            indicators { name target } policies { docNumber } history { fiscalYear } } }""", id=pid))["project"]
        indicators = await browser.evaluate(ROWS.replace("{name}", "绩效指标"))
        assert [(r[2], r[3]) for r in indicators] == [(i["name"], i["target"] or "—") for i in detail["indicators"]]
        assert await browser.evaluate(f"document.querySelector('main').innerText.includes({json.dumps(POLICY)})")
        sources = await browser.evaluate(ROWS.replace("{name}", "出处"))
        assert sources and all(r[2].endswith(".txt") and r[3].startswith("第 ") for r in sources)
        await shoot(browser, "project", keep)
        audited = await project_id(base, "昌吉回族自治州社会保险中心", 2023, "FINAL_ACCOUNTS",
                                   "社会保险基金风险防控工作经费")
        await visit(browser, base, f"/explore/project/{audited}")
        results = (await graphql(base, "query ($id: ID!) { project(id: $id) { indicators { name actual met } } }",
                                 id=audited))["project"]["indicators"]
        shown = [(r[2], r[5]) for r in await browser.evaluate(ROWS.replace("{name}", "绩效指标"))]
        assert shown == [(i["name"], MET[i["met"]] if i["actual"] else "无实际值") for i in results]
        assert ("风险防控培训费", "✗ 未达成") in shown
        await shoot(browser, "project-final-accounts", keep)

        # Unit: every document's Sankey against the API's links.
        unit = "和静县社会保险中心"
        docs = (await graphql(base, "query ($u: String!) { unit(name: $u) { documents { id fiscalYear kind } } }",
                              u=unit))["unit"]["documents"]
        times["unit"] = await visit(browser, base, f"/explore/unit/{unit}")
        balance = await check_sankey(browser, base, unit, docs[-1])
        await shoot(browser, "unit", keep)
        owner = "昌吉回族自治州社会保险中心"
        for doc in (await graphql(base, "query ($u: String!) { unit(name: $u) { documents { id fiscalYear kind } } }",
                                  u=owner))["unit"]["documents"]:
            await visit(browser, base, f"/explore/unit/{owner}?doc={doc['id']}")
            await check_sankey(browser, base, owner, doc)
        await shoot(browser, "unit-final-accounts", keep)

        # Search: suggestions as you type, ↓ and Enter open the policy.
        times["search"] = await visit(browser, base, "/explore/search?q=168号")
        assert await browser.evaluate("!!document.querySelector('[data-kind=POLICY] a[href*=\"168\"]')")
        total = (await graphql(base, '{ searchResults(text: "168号") { totalCount } }'))["searchResults"]["totalCount"]
        assert await browser.evaluate("document.querySelector('.tabs').firstChild.textContent") == f"全部 {total}"
        assert await browser.evaluate("document.querySelectorAll('.hits li').length") == min(total, 50)
        await browser.evaluate("document.querySelector('.combo input').focus()")
        await browser.send("Input.insertText", text="新政办发〔2010〕168")
        await browser.wait_for("!document.querySelector('#suggestions').hidden")
        await shoot(browser, "search", keep)
        await press(browser, "ArrowDown", 40)
        await press(browser, "Enter", 13)
        await browser.wait_for("location.pathname.startsWith('/explore/policy/') && document.body.dataset.rendered"
                               " === 'policy'")

        # Findings: as many as the API holds, and a filter by check in the address.
        findings = await graphql(base, "{ dataQualityFindings { totalCount edges { node { check } } } }")
        times["quality"] = await visit(browser, base, "/explore/quality")
        count = findings["dataQualityFindings"]["totalCount"]
        assert await browser.evaluate("document.querySelector('[data-fact=finding-count]').textContent") == \
            f"共 {count} 条，显示 {count} 条。"
        check = findings["dataQualityFindings"]["edges"][0]["node"]["check"]
        await visit(browser, base, f"/explore/quality?check={check}")
        of_check = sum(1 for e in findings["dataQualityFindings"]["edges"] if e["node"]["check"] == check)
        assert len(await browser.evaluate(ROWS.replace("{name}", "数据质量"))) == of_check
        await shoot(browser, "quality", keep)
        assert_stayed_home(browser, base)
    print(f"\nexplorer first render (ms) on the seeds, {store.name}: {times}")
    unbalanced = [row for row in balance if row[1] != row[2]]
    assert not unbalanced, f"the Sankey's visible totals do not balance (in ≠ out at {unbalanced})"


async def test_the_explorer_on_the_real_pdfs(store: GraphStore, tmp_path: Path) -> None:
    """Every unit and project that loads from ../shared/corpus/real opens without an error."""
    report = await run_load(store, [REAL], LoadOptions(workers=2))
    print("\nreal corpus:", len(report.loaded), "loaded;", [f"{Path(o.path).name}: {o.reason}" for o in report.failed])
    if not report.loaded:
        pytest.skip(f"no real PDF loads yet: {[o.reason for o in report.failed]}")
    keep = tmp_path / "shots"
    async with serving(store) as base, chromium(tmp_path / "profile") as browser:
        await browser.open_tab()
        data = await graphql(base, "{ units { edges { node { name projects { id } } } } policies { edges { node { "
                             "docNumber fundedProjects { id } } } } }")
        for i, edge in enumerate(data["units"]["edges"]):
            unit = edge["node"]
            ms = await visit(browser, base, f"/explore/unit/{unit['name']}")
            await shoot(browser, f"real-unit-{i}", keep)
            print(f"unit {unit['name']}: {ms} ms")
            if unit["projects"]:
                await visit(browser, base, f"/explore/project/{unit['projects'][0]['id']}")
                await shoot(browser, f"real-project-{i}", keep)
        numbered = [e["node"] for e in data["policies"]["edges"] if e["node"]["docNumber"]]
        if numbered:
            top = max(numbered, key=lambda p: len(p["fundedProjects"]))
            await visit(browser, base, f"/explore/policy/{top['docNumber']}")
            rows = await browser.evaluate(ROWS.replace("{name}", "资助项目"))
            assert len(rows) == len(top["fundedProjects"])
            await shoot(browser, "real-policy", keep)
        await visit(browser, base, "/explore/quality")
        await shoot(browser, "real-quality", keep)
        assert_stayed_home(browser, base)


async def test_a_policy_funding_1000_projects_stays_responsive(store: GraphStore, tmp_path: Path) -> None:
    """50 units × 20 projects under one policy: the table keeps only the rows in view in the DOM,
    the graph groups each unit's projects, keyboard navigation reaches the last row."""
    await load(store, *(document(f"测试单位{u:02d}", 2025, *(project(f"补贴项目{u:02d}-{p:02d}", 1.0 + p, BASIS)
                                                          for p in range(20)), sha=f"{u:064d}") for u in range(50)))
    async with serving(store) as base, chromium(tmp_path / "profile") as browser:
        await browser.open_tab()
        ms = await visit(browser, base, f"/explore/policy/{POLICY}")
        print(f"\npolicy funding 1,000 projects, {store.name}: first render {ms} ms")
        assert await browser.evaluate("document.querySelector('.vt-count').textContent") == "1000 行"
        assert await browser.evaluate("document.querySelectorAll('.vt-spacer .vt-row').length") < 60
        assert "1000 个项目" in await browser.evaluate("document.querySelector('.note').textContent")
        assert await browser.evaluate("document.querySelector('[data-fact=budget-total]').textContent") == \
            f"{money(50 * sum(1.0 + p for p in range(20)))} 万元"
        await browser.evaluate("document.querySelector('.vt-body').focus()")
        await press(browser, "End", 35)
        last = await browser.evaluate("document.querySelector('.vt-row.active')?.dataset.row")
        assert last == "999"
        await shoot(browser, "policy-1000", tmp_path / "shots")
        assert_stayed_home(browser, base)
