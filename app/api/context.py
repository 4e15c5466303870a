"""Per-request context: the store and this request's batch loaders."""

from __future__ import annotations

from dataclasses import dataclass, field

from strawberry.fastapi import BaseContext

from app.api.loaders import Loaders
from app.store import GraphStore


@dataclass
class Context(BaseContext):
    store: GraphStore
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        super().__init__()
        self.loaders = Loaders(self.store)
