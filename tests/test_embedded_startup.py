"""The embedded server is spawned before the app is imported (``kg serve``): the app's own start
joins that server instead of launching a second one on the same files, and whichever of the
process's objects leaves last stops it, with nothing left running."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from app.store import embedded_server
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



def test_the_server_s_openmp_threads_sleep_between_pieces_of_work_unless_told_otherwise(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Spinning OpenMP threads took a core from the service's workers while a big graph was read
    (app/store/embedded_server.py ``SERVER_ENVIRONMENT``); an operator's own setting is kept. The
    environment the server is given is what is compared: redis writes its process title over the
    one /proc shows."""
    given: list[dict[str, str] | None] = []
    popen = subprocess.Popen

    def recording(*args: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
        given.append(kwargs.get("env"))
        return popen(*args, **kwargs)

    monkeypatch.setattr(embedded_server.subprocess, "Popen", recording)
    monkeypatch.delenv("OMP_WAIT_POLICY", raising=False)
    for folder, setting in ((tmp_path / "a", None), (tmp_path / "b", "ACTIVE")):
        if setting:
            monkeypatch.setenv("OMP_WAIT_POLICY", setting)
        server = EmbeddedFalkorDB(folder)
        server.start()
        server.stop()
    assert [(env or os.environ).get("OMP_WAIT_POLICY") for env in given] == ["PASSIVE", "ACTIVE"]
    assert given[1] is not None and given[1]["PATH"] == os.environ["PATH"]  # the rest passes through
