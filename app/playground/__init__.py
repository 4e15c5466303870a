"""GraphiQL served from the package: no CDN, so it works on closed government networks.

The JavaScript and CSS come from npm at build time (``make setup`` runs ``npm ci`` here and
copies four files into ``assets/``); the page preloads the headline questions as tabs.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from pathlib import Path

ASSET_FILES = ("react.production.min.js", "react-dom.production.min.js", "graphiql.min.js", "graphiql.min.css")
ASSETS_DIR = Path(__file__).resolve().parent / "assets"
_TITLE = re.compile(r"^# title: (.+)$", re.MULTILINE)


def assets_ready() -> bool:
    return all((ASSETS_DIR / name).is_file() for name in ASSET_FILES)


@cache
def example_tabs() -> list[dict[str, str]]:
    """The example operations of examples.graphql, one GraphiQL tab each."""
    text = resources.files("app.playground").joinpath("examples.graphql").read_text(encoding="utf-8")
    bodies = _TITLE.split(text)[2::2]
    return [{"query": body.strip()} for body in bodies]


def playground_html(assets_url: str) -> str:
    """The GraphiQL page, or a page saying how to build the assets when they are missing."""
    if not assets_ready():
        return ("<!doctype html><meta charset='utf-8'><title>GraphiQL assets missing</title>"
                "<p>GraphiQL assets are not built: run <code>make setup</code> (npm ci in app/playground). "
                "The API itself works: POST queries to this URL.</p>")
    page = resources.files("app.playground").joinpath("page.html").read_text(encoding="utf-8")
    tabs = json.dumps(example_tabs(), ensure_ascii=False).replace("</", "<\\/")
    return page.format(assets=assets_url, tabs=tabs)
