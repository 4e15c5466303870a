"""/explore as the server serves it: built files as they are, the page for any other path
(deep links), a clear page when the build is missing, nothing outside the build."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

import app.explorer as explorer

PAGE = "<!doctype html><title>预算公开浏览器</title>"


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(PAGE, encoding="utf-8")
    (dist / "assets" / "index-abc.js").write_text("console.log(1)", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("no", encoding="utf-8")
    monkeypatch.setattr(explorer, "DIST_DIR", dist)
    app = FastAPI()
    app.include_router(explorer.router())
    return TestClient(app)


@pytest.mark.parametrize("path", ["/explore/", "/explore/policy/新政办发〔2010〕168号", "/explore/search?q=168",
                                  "/explore/unit/和静县社会保险中心?doc=x", "/explore/project/a%7C2025%7CBUDGET%7Cb"])
def test_every_deep_link_gets_the_page(client: TestClient, path: str) -> None:
    reply = client.get(path)
    assert reply.status_code == 200 and reply.text == PAGE
    assert reply.headers["content-type"].startswith("text/html")
    assert reply.headers["cache-control"] == "no-cache"


def test_the_bare_prefix_redirects_to_the_page(client: TestClient) -> None:
    reply = client.get("/explore", follow_redirects=False)
    assert reply.status_code == 307 and reply.headers["location"] == "/explore/"


def test_built_assets_are_served_and_cached(client: TestClient) -> None:
    reply = client.get("/explore/assets/index-abc.js")
    assert reply.status_code == 200 and reply.text == "console.log(1)"
    assert "immutable" in reply.headers["cache-control"]
    assert client.head("/explore/assets/index-abc.js").status_code == 200


@pytest.mark.parametrize("path", ["/explore/assets/missing.js", "/explore/assets/../../secret.txt",
                                  "/explore/assets/%2e%2e/%2e%2e/secret.txt"])
def test_nothing_outside_the_build_is_served(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404


def test_a_missing_build_says_how_to_build_it(client: TestClient, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(explorer, "DIST_DIR", tmp_path / "nowhere")
    reply = client.get("/explore/policy/x")
    assert reply.status_code == 503 and "make setup" in reply.text and "/graphql" in reply.text
