"""`kg query` answers a client's error with the response and one line, no traceback; a server-side
failure is logged once, with the errorId the client sees."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from app.api import schema
from app.api.context import Context
from app.cli import main
from app.store import GraphStore
from tests.test_api_safety import BrokenDriver


def test_a_wrong_argument_prints_the_response_and_one_line(capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            tmp_path: Path) -> None:
    monkeypatch.setenv("KG_DATA_DIR", str(tmp_path))
    from app.settings import get_settings
    get_settings.cache_clear()
    status = main(["query", "{ units(first: 100000) { totalCount } }"])
    out, err = capsys.readouterr()
    assert status == 1 and '"code": "BAD_USER_INPUT"' in out and '"cost"' in out
    assert err.strip() == "error: BAD_USER_INPUT: units: first must be at most 500, got 100000"
    get_settings.cache_clear()


async def test_a_server_failure_is_logged_once_with_its_error_id(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    result = await schema.execute("{ projects { totalCount } }", context_value=Context(store=GraphStore(
        BrokenDriver())))
    [error] = result.errors or []
    error_id = (error.extensions or {})["errorId"]
    logged = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(logged) == 1 and error_id in logged[0].getMessage() and logged[0].exc_info


async def test_a_client_error_is_not_logged_as_a_failure(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    result = await schema.execute('{ projects(after: "bm90LWEtY3Vyc29y") { totalCount } }',
                                  context_value=Context(store=GraphStore(BrokenDriver())))
    assert result.errors and not [r for r in caplog.records if r.levelno >= logging.ERROR]
