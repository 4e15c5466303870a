"""Per-request context: the store, this request's batch loaders, and whether the request
carried the configured API key (mutations require it), and the service's metrics."""

from __future__ import annotations

from dataclasses import dataclass, field

from strawberry.fastapi import BaseContext

from app.api.batching import Loaders
from app.api.metrics import Metrics
from app.store import GraphStore


@dataclass
class Context(BaseContext):
    store: GraphStore
    api_key_ok: bool = False
    metrics: Metrics | None = None
    source_url_base: str | None = None
    """KG_SOURCE_URL_BASE: where the disclosure files are public (BudgetDocument.sourceUrl)."""
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        super().__init__()
        self.loaders = Loaders(self.store)
