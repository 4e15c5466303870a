"""Per-file limits for the binary readers: size, pages and time.

A folder of real disclosures holds the occasional monster (a 3,000-page scanned annual report, a
PDF bomb, a half-downloaded file), and one such file must cost a bounded amount and end in a
one-line reason instead of stalling a whole batch. The limits are per file and configurable from
the environment, so an operator who really loads 5,000-page documents can raise them.

Usage example::

    limits = ReaderLimits.from_env()          # KG_MAX_FILE_MB, KG_MAX_PAGES, KG_MAX_SECONDS
    with limits.deadline("a.pdf") as deadline:
        for page in pages:
            deadline.check(f"page {page.number}")
"""

from __future__ import annotations

import logging
import math
import os
import signal
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

from loaders.errors import DocumentError

_MB = 1024 * 1024


@dataclass(frozen=True)
class ReaderLimits:
    """What one file may cost; every value must be positive."""

    max_bytes: int = 100 * _MB
    max_pages: int = 2000
    max_seconds: float = 120.0

    def __post_init__(self) -> None:
        if not (isinstance(self.max_bytes, int) and self.max_bytes > 0):
            raise ValueError(f"max_bytes must be a positive integer, not {self.max_bytes!r}")
        if not (isinstance(self.max_pages, int) and self.max_pages > 0):
            raise ValueError(f"max_pages must be a positive integer, not {self.max_pages!r}")
        if not (math.isfinite(self.max_seconds) and self.max_seconds > 0):
            raise ValueError(f"max_seconds must be a positive number, not {self.max_seconds!r}")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ReaderLimits:
        """Limits from ``KG_MAX_FILE_MB``, ``KG_MAX_PAGES`` and ``KG_MAX_SECONDS`` (defaults when unset)."""
        env = os.environ if env is None else env
        default = cls()
        return cls(
            max_bytes=round(_number(env, "KG_MAX_FILE_MB", default.max_bytes / _MB) * _MB),
            max_pages=int(_number(env, "KG_MAX_PAGES", default.max_pages, integer=True)),
            max_seconds=_number(env, "KG_MAX_SECONDS", default.max_seconds),
        )

    def read(self, path: str) -> bytes:
        """The file's bytes, refused before reading when it is empty or over the size limit."""
        try:
            size = os.stat(path).st_size
            self.check_size(path, size)
            if size == 0:
                raise DocumentError(path, "empty file (0 bytes)")
            with open(path, "rb") as handle:
                return handle.read(self.max_bytes + 1)
        except OSError as exc:
            raise DocumentError(path, f"cannot read file: {exc.strerror or exc}") from exc

    def check_size(self, path: str, size: int) -> None:
        if size > self.max_bytes:
            raise DocumentError(
                path, f"file too large: {size / _MB:.1f} MB exceeds the limit of "
                f"{self.max_bytes / _MB:g} MB (KG_MAX_FILE_MB)"
            )

    def check_pages(self, path: str, pages: int) -> None:
        if pages > self.max_pages:
            raise DocumentError(
                path, f"too many pages: {pages} exceeds the limit of {self.max_pages} (KG_MAX_PAGES)"
            )

    @contextmanager
    def deadline(self, path: str) -> Iterator[Deadline]:
        """A clock for one file: checked between steps, and enforced by an alarm where one is possible.

        The alarm (SIGALRM) also stops a single pathological page inside a parser's own loops; it
        can only be armed on a process's main thread with no timer already running: that is where
        ``kg load``'s worker processes, the benchmark and the tests read. Elsewhere (``kg load
        --workers 1`` parses on a thread) the clock is checked between pages and sheets only.
        """
        clock = Deadline(path, self.max_seconds)
        if not _can_arm_alarm():
            yield clock
            return
        previous = signal.signal(signal.SIGALRM, clock.on_alarm)
        signal.setitimer(signal.ITIMER_REAL, self.max_seconds)
        try:
            yield clock
        except _Expired:
            raise clock.error("") from None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


class _Expired(BaseException):
    """Raised by the alarm; a BaseException so parsers' ``except Exception`` cannot swallow it."""


class Deadline:
    """The time left for one file."""

    def __init__(self, path: str, seconds: float) -> None:
        self.path = path
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def check(self, where: str) -> None:
        if time.monotonic() > self._end:
            raise self.error(where)

    def error(self, where: str) -> DocumentError:
        at = f" (at {where})" if where else ""
        return DocumentError(
            self.path, f"took longer than {self.seconds:g} s{at}: time limit per file exceeded (KG_MAX_SECONDS)"
        )

    def on_alarm(self, signum: int, frame: FrameType | None) -> None:
        if _in_locking_code(frame):  # raised there, it would leave their module locks held for good
            signal.setitimer(signal.ITIMER_REAL, _RETRY)
            return
        raise _Expired


_LOCKING = frozenset({logging.__file__, threading.__file__})
_RETRY = 0.005  # seconds until the alarm is tried again once the parser is out of locking code


def _in_locking_code(frame: FrameType | None) -> bool:
    """Whether ``frame`` runs inside logging, threading or the import system: an exception raised
    between their acquiring a lock and their ``try`` leaves it held, and every later logger or import
    in the process waits on it forever (pdfminer logs while it parses)."""
    while frame is not None:
        name = frame.f_code.co_filename
        if name in _LOCKING or name.startswith("<frozen importlib"):
            return True
        frame = frame.f_back
    return False


def _can_arm_alarm() -> bool:
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )


def _number(env: Mapping[str, str], name: str, default: float, *, integer: bool = False) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw) if integer else float(raw)
    except ValueError:
        kind = "a whole number" if integer else "a number"
        raise ValueError(f"{name}={raw!r} is not {kind}") from None
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"{name}={raw!r} must be greater than zero")
    return value
