"""Configuration from the environment, read once and cached (nothing happens on import)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

StoreKind = Literal["embedded", "neo4j"]


@dataclass(frozen=True)
class Settings:
    store: StoreKind = "embedded"
    data_dir: Path = Path(".kg-data")
    neo4j_uri: str = "bolt://127.0.0.1:7687"
    neo4j_user: str | None = "neo4j"
    neo4j_password: str | None = None
    neo4j_database: str | None = None
    graph_name: str = "budget"
    """FalkorDB keeps several graphs per server; ours is this one."""
    api_key: str | None = None
    """Mutations require this key (X-API-Key header); without one the API is read-only."""
    cors_origins: tuple[str, ...] = ()
    """Browser origins allowed to call the API (CORS); none by default."""
    request_timeout_seconds: float = 30.0
    requests_at_once: int = 8
    """GraphQL requests a service process executes at once (app/api/admission.py)."""
    requests_waiting: int = 200
    """Requests that may wait for a turn; one more is refused (503, OVERLOADED)."""
    queue_timeout_seconds: float = 30.0
    """How long a request may wait for its turn before it is refused (503, OVERLOADED)."""
    warmup_seconds: float = 0.0
    """At most this long the service runs the GraphiQL examples before it says ready (app/api/warmup.py);
    60 by default with Neo4j (a cold JVM plans each statement slowly), 0 with the embedded store."""
    source_url_base: str | None = None
    """Public URL the disclosure files are published under (BudgetDocument.sourceUrl = base + file name)."""
    serve_ready_dir: Path | None = None
    """Set by ``kg serve --workers N`` for its workers: where they share their readiness (app/readiness.py)."""
    serve_workers: int = 1
    """The workers of that service (``KG_SERVE_WORKERS``)."""

    def __post_init__(self) -> None:
        if self.store not in ("embedded", "neo4j"):
            raise ValueError(f"KG_STORE must be 'embedded' or 'neo4j', not {self.store!r}")


def settings_from_env(env: dict[str, str] | None = None) -> Settings:
    """Build settings from ``env`` (default: the process environment)."""
    e = dict(os.environ) if env is None else env
    store = e.get("KG_STORE", "embedded")
    return Settings(
        store=store,  # type: ignore[arg-type]  # validated in __post_init__
        data_dir=Path(e.get("KG_DATA_DIR", ".kg-data")),
        neo4j_uri=e.get("NEO4J_URI", "bolt://127.0.0.1:7687"),
        neo4j_user=e.get("NEO4J_USER", "neo4j") or None,
        neo4j_password=e.get("NEO4J_PASSWORD") or None,
        neo4j_database=e.get("NEO4J_DATABASE") or None,
        graph_name=e.get("KG_GRAPH", "budget"),
        api_key=e.get("KG_API_KEY") or None,
        cors_origins=tuple(o.strip() for o in e.get("KG_CORS_ORIGINS", "").split(",") if o.strip()),
        request_timeout_seconds=float(e.get("KG_REQUEST_TIMEOUT", "30")),
        requests_at_once=int(e.get("KG_REQUESTS_AT_ONCE", "8")),
        requests_waiting=int(e.get("KG_REQUESTS_WAITING", "200")),
        queue_timeout_seconds=float(e.get("KG_QUEUE_TIMEOUT", "30")),
        warmup_seconds=float(e.get("KG_WARMUP_SECONDS", "60" if store == "neo4j" else "0")),
        source_url_base=e.get("KG_SOURCE_URL_BASE") or None,
        serve_ready_dir=Path(e["KG_SERVE_READY_DIR"]) if e.get("KG_SERVE_READY_DIR") else None,
        serve_workers=int(e.get("KG_SERVE_WORKERS", "1")),
    )


@cache
def get_settings() -> Settings:
    return settings_from_env()
