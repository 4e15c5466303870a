"""The loader lock: one loader writes at a time, across processes and machines.

The lock is a node in the store itself, so it works the same for the embedded store and for a
Neo4j shared by loaders on several hosts. It expires unless refreshed, and a holder on this
host whose process is gone (``kill -9``) is taken over at once.
"""

from __future__ import annotations

import asyncio
import os
import socket
import time
import uuid

from app.store import GraphStore


class LockBusy(RuntimeError):
    """Another loader holds the lock for longer than we were willing to wait."""


def _dead_on_this_host(owner: str | None) -> bool:
    if not owner:
        return False
    host, _, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


class LoadLock:
    """Usage example::

    lock = LoadLock(store)
    await lock.acquire(timeout=600)
    try:
        ...  # load, calling await lock.refresh() now and then
    finally:
        await lock.release()
    """

    def __init__(self, store: GraphStore, *, ttl: float = 120.0, poll: float = 0.5) -> None:
        self.store = store
        self.ttl = ttl
        self.poll = poll
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._renewed = -float("inf")  # time.monotonic() of the last renewal

    @property
    def _due(self) -> bool:
        """A quarter of the lease has passed since it was renewed."""
        return time.monotonic() - self._renewed >= self.ttl / 4

    async def _try(self) -> str:
        current = await self.store.read("read_lock")
        holder = current[0]["owner"] if current else None
        now = time.time()
        rows = await self.store.write(
            "acquire_lock",
            {
                "owner": self.owner,
                "now": now,
                "expiresAt": now + self.ttl,
                "deadOwner": holder if _dead_on_this_host(holder) else None,
            },
        )
        owner = str(rows[0]["owner"])
        if owner == self.owner:
            self._renewed = time.monotonic()
        return owner

    async def try_acquire(self) -> bool:
        """Take the lock if it is free now; never waits."""
        return await self._try() == self.owner

    async def acquire(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while (holder := await self._try()) != self.owner:
            if time.monotonic() > deadline:
                raise LockBusy(f"another loader ({holder}) holds the load lock; waited {timeout:.0f}s")
            await asyncio.sleep(self.poll)

    async def refresh(self) -> None:
        """Extend the lease once a quarter of it has passed; called between documents (a write
        transaction each time would cost a loader as much as a small document)."""
        if self._due and await self._try() != self.owner:
            raise LockBusy("the load lock was taken over while this loader held it")

    async def release(self) -> None:
        await self.store.write("release_lock", {"owner": self.owner})
