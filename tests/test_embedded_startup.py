"""The embedded server is spawned before the app is imported (``kg serve``): the app's own start
joins that server instead of launching a second one on the same files, and whichever of the
process's objects leaves last stops it, with nothing left running."""

from __future__ import annotations

import os
from pathlib import Path

from app.store.embedded_server import EmbeddedFalkorDB, pid_alive


def test_a_spawned_server_is_joined_and_stopped_once(tmp_path: Path) -> None:
    first = EmbeddedFalkorDB(tmp_path)
    first.spawn()
    pid = int((tmp_path / "server.pid").read_text())
    second = EmbeddedFalkorDB(tmp_path)
    socket_path = second.start()  # waits for the spawned server instead of starting another
    assert int((tmp_path / "server.pid").read_text()) == pid and socket_path.exists()
    assert [p.name for p in (tmp_path / "clients").iterdir()] == [str(os.getpid())]
    second.stop()  # this process was the only client: the server stops and is reaped
    assert not pid_alive(pid)
    first.stop()  # leaving again is harmless
    assert not pid_alive(pid)
    third = EmbeddedFalkorDB(tmp_path)
    third.start()
    assert int((tmp_path / "server.pid").read_text()) != pid
    third.stop()
