"""Readiness shared by the workers of one ``kg serve --workers N``: they listen on one port, and a
load balancer's probe reaches whichever worker accepts it. A worker still opening its store said
503 while another said 200, so the service looked ready (and then not) at random while one worker
could not serve yet. The parent ``kg serve`` makes a folder for them (``KG_SERVE_READY_DIR``, with
``KG_SERVE_WORKERS``); each worker whose store is open and warm keeps a file named by its process id
there, and ``/readyz`` says ready only when every worker does. A worker that died (the server starts
another) no longer counts, so the service says "loading" until its successor is ready too.

Usage example::

    shared = SharedReadiness.from_settings(settings)
    shared.mark(True)           # this worker is ready
    ready, expected = shared.count()
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from app.settings import Settings
from app.store.embedded_server import pid_alive


@dataclass(frozen=True)
class SharedReadiness:
    """The ready workers of one service; without a folder (one process) this process is the service."""

    folder: Path | None
    workers: int

    @classmethod
    def from_settings(cls, settings: Settings) -> SharedReadiness:
        return cls(settings.serve_ready_dir, settings.serve_workers if settings.serve_ready_dir else 1)

    def mark(self, ready: bool) -> None:
        """This worker is ready (its store open and warm), or no longer is."""
        if self.folder is None:
            return
        mine = self.folder / str(os.getpid())
        if ready:
            mine.touch()
        else:
            mine.unlink(missing_ok=True)

    def count(self) -> tuple[int, int]:
        """(ready workers, workers the service runs); a worker that died is not counted."""
        if self.folder is None:
            return 1, 1
        ready = 0
        with contextlib.suppress(OSError):  # the folder is gone: the service is stopping
            ready = sum(1 for entry in self.folder.iterdir() if entry.name.isdigit() and pid_alive(int(entry.name)))
        return ready, self.workers
