"""The soak benchmark's bookkeeping: which errors an answer counts as, their tally by code and by query
(with when each code was seen), the summary that prints them, and which server log lines it shows."""

from __future__ import annotations

import json

import pytest

from benchmarks.bench_soak import Tally, error_codes, log_problems, report


def body(*codes: str | None) -> bytes:
    errors = [{"message": "m", "extensions": {"code": code}} if code else {"message": "m"} for code in codes]
    return json.dumps({"data": None, "errors": errors}).encode()


@pytest.mark.parametrize(("status", "answer", "expected"), [
    (200, b'{"data": {"x": 1}}', []),
    (200, body("STORE_UNAVAILABLE", None), ["STORE_UNAVAILABLE", "?"]),
    (503, body("OVERLOADED"), ["HTTP 503 OVERLOADED"]),
    (504, body("TIMEOUT"), ["HTTP 504 TIMEOUT"]),
    (502, b"<html>bad gateway</html>", ["HTTP 502"]),
    (500, b"", ["HTTP 500"]),
    (400, b'{"errors": "not a list"}', ["HTTP 400"]),
])
def test_an_answer_counts_as_its_codes_after_a_failed_status(status: int, answer: bytes, expected: list[str]) -> None:
    assert error_codes(status, answer) == expected


def test_the_tally_counts_errors_by_code_and_query_and_when_each_code_was_seen() -> None:
    tally = Tally(began=100.0)
    tally.record(0, 0.5, [], 101.0)
    tally.record(1, 30.0, ["HTTP 504 TIMEOUT"], 130.0)
    tally.record(0, 0.1, ["HTTP 503 OVERLOADED"], 140.0)
    tally.record(1, 30.0, ["HTTP 504 TIMEOUT"], 150.0)
    tally.record(2, 0.2, ["STORE_UNAVAILABLE", "STORE_UNAVAILABLE"], 400.0)

    assert tally.errors == {"HTTP 504 TIMEOUT": 2, "HTTP 503 OVERLOADED": 1, "STORE_UNAVAILABLE": 2}
    assert tally.query_errors == {0: {"HTTP 503 OVERLOADED": 1}, 1: {"HTTP 504 TIMEOUT": 2},
                                  2: {"STORE_UNAVAILABLE": 2}}
    assert tally.seen == {"HTTP 504 TIMEOUT": (30.0, 50.0), "HTTP 503 OVERLOADED": (40.0, 40.0),
                          "STORE_UNAVAILABLE": (300.0, 300.0)}
    assert len(tally.latencies) == 5 and tally.by_query[0] == [0.5, 0.1]


def test_the_summary_prints_errors_by_code_and_by_query(capsys: pytest.CaptureFixture[str]) -> None:
    tally = Tally(began=0.0)
    tally.record(0, 1.0, [], 5.0)
    tally.record(1, 30.0, ["HTTP 504 TIMEOUT"], 40.0)
    tally.record(1, 30.0, ["HTTP 504 TIMEOUT"], 55.0)
    tally.record(1, 0.1, ["HTTP 503 OVERLOADED"], 58.0)
    report(tally, [], {}, 60.0, ["query Fine { a }", "query Slow($x: Int) { b }"])

    out = capsys.readouterr().out
    assert "errors: 3" in out
    assert [line.split() for line in out.splitlines() if "first at" in line] == [
        ["HTTP", "504", "TIMEOUT", "2", "first", "at", "40", "s,", "last", "at", "55", "s"],
        ["HTTP", "503", "OVERLOADED", "1", "first", "at", "58", "s,", "last", "at", "58", "s"]]
    fine, slow = (line for line in out.splitlines() if line.strip().startswith("query "))
    assert fine.split()[:3] == ["query", "Fine", "1"] and fine.endswith("no errors")
    assert slow.split()[:3] == ["query", "Slow", "3"] and slow.endswith("HTTP 504 TIMEOUT x2, HTTP 503 OVERLOADED x1")


def test_no_errors_is_said_so(capsys: pytest.CaptureFixture[str]) -> None:
    tally = Tally(began=0.0)
    tally.record(0, 1.0, [], 1.0)
    report(tally, [], {}, 10.0, ["query Fine { a }"])
    assert "errors: none" in capsys.readouterr().out


def test_the_log_filter_keeps_every_line_but_the_routine_ones() -> None:
    log = """\
GraphQL (GraphiQL in a browser): http://127.0.0.1:8000/graphql
Explorer (funding, units, projects): http://127.0.0.1:8000/explore/
INFO:     Uvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)
INFO:     Started parent process [10]
INFO:     Waiting for application startup.
INFO:     Application startup complete.
the embedded FalkorDB stopped answering; restarting it
the embedded FalkorDB is back
WARNING:  Invalid HTTP request received.
internal error 1f2e at ['documents']
Traceback (most recent call last):
  File "x.py", line 1, in <module>
ValueError: boom

INFO:     Shutting down
""".splitlines()
    assert log_problems(log) == [
        "the embedded FalkorDB stopped answering; restarting it", "the embedded FalkorDB is back",
        "WARNING:  Invalid HTTP request received.", "internal error 1f2e at ['documents']",
        "Traceback (most recent call last):", '  File "x.py", line 1, in <module>', "ValueError: boom"]
