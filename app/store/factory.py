"""Choose and assemble the store from settings: the one place that knows both adapters."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from app.settings import Settings
from app.store.embedded_server import EmbeddedFalkorDB
from app.store.falkordb_driver import FalkorDBDriver
from app.store.graph_store import GraphStore

if TYPE_CHECKING:
    from app.store.neo4j_driver import Neo4jDriver


def say_progress(line: str) -> None:
    """An upgrade's progress, on stderr (stdout is a command's answer)."""
    print(line, file=sys.stderr, flush=True)


@asynccontextmanager
async def open_store(settings: Settings, *, upgrade: bool = True,
                     say: Callable[[str], None] = say_progress) -> AsyncIterator[GraphStore]:
    """Connected store for the configured backend; starts/stops the embedded server as needed.
    A graph an earlier version wrote is first brought to the current shape (``upgrade``,
    app/loading/upgrade.py), its progress told to ``say`` (stderr).

    Usage example::

        async with open_store(get_settings()) as store:
            print(await store.counts())
    """
    server: EmbeddedFalkorDB | None = None
    if settings.store == "neo4j":
        from app.store.neo4j_driver import Neo4jDriver  # here: the embedded store's service never loads it

        driver: Neo4jDriver | FalkorDBDriver = Neo4jDriver(
            settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password, settings.neo4j_database
        )
    else:
        server = EmbeddedFalkorDB(settings.data_dir)
        # off the event loop: the server answers only once it has read its data (seconds for a big graph)
        socket_path = await asyncio.to_thread(server.start)
        driver = FalkorDBDriver(settings.graph_name, unix_socket_path=str(socket_path), revive=server.start)
    store = GraphStore(driver)
    try:
        await store.connect()
        if upgrade:
            from app.loading.upgrade import upgrade_graph  # the loader's package imports this one

            await upgrade_graph(store, say)
        yield store
    finally:
        await store.close()
        if server is not None:
            server.stop()
