"""The embedded server is spawned before the app is imported (``kg serve``): the app's own start
joins that server instead of launching a second one on the same files, and whichever of the
process's objects leaves last stops it, with nothing left running."""

from __future__ import annotations

import os
import time
from pathlib import Path

import redis

from app.store.embedded_server import EmbeddedFalkorDB, _pid_alive


def test_a_spawned_server_is_joined_and_stopped_once(tmp_path: Path) -> None:
    first = EmbeddedFalkorDB(tmp_path)
    first.spawn()
    pid = int((tmp_path / "server.pid").read_text())
    second = EmbeddedFalkorDB(tmp_path)
    socket_path = second.start()  # waits for the spawned server instead of starting another
    assert int((tmp_path / "server.pid").read_text()) == pid and socket_path.exists()
    assert [p.name for p in (tmp_path / "clients").iterdir()] == [str(os.getpid())]
    second.stop()  # this process was the only client: the server stops and is reaped
    assert not _pid_alive(pid)
    first.stop()  # leaving again is harmless
    assert not _pid_alive(pid)
    third = EmbeddedFalkorDB(tmp_path)
    third.start()
    assert int((tmp_path / "server.pid").read_text()) != pid
    third.stop()


def test_a_restarted_server_answers_first_and_builds_its_indexes_after(tmp_path: Path) -> None:
    """A big graph's indexes are built after the server answers (``DELAY_INDEXING``), not before:
    the server says so, and every index it had is built again and read by the plans."""
    server = EmbeddedFalkorDB(tmp_path)
    graph = redis.Redis(unix_socket_path=str(server.start()), decode_responses=True)
    graph.execute_command("GRAPH.QUERY", "g", "UNWIND range(1, 20000) AS i CREATE (:N {id: i})")
    graph.execute_command("GRAPH.QUERY", "g", "CREATE INDEX FOR (n:N) ON (n.id)")
    graph.close()
    server.stop()
    graph = redis.Redis(unix_socket_path=str(server.start()), decode_responses=True)
    try:
        assert graph.execute_command("GRAPH.CONFIG", "GET", "DELAY_INDEXING") == ["DELAY_INDEXING", 1]
        deadline = time.monotonic() + 30
        while graph.execute_command("GRAPH.QUERY", "g", "CALL db.indexes() YIELD status")[1] != [["OPERATIONAL"]]:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        plan = graph.execute_command("GRAPH.EXPLAIN", "g", "MATCH (n:N {id: 5}) RETURN n")
        assert any("Index Scan" in line for line in plan), plan
    finally:
        graph.close()
        server.stop()
