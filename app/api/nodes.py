# mypy: disable-error-code="untyped-decorator"
# (strawberry types @strawberry.field(description=...) as returning Any; the resolvers themselves are typed)
"""``node(id:)`` and ``nodes(ids:)``: any entity again from its Relay global id (app/api/relay.py),
one batched store round-trip per entity type whatever the number of ids."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import strawberry

from app.api.errors import ClientError
from app.api.relay import Node, decode
from app.api.types import (
    BudgetDocument,
    DataQualityFinding,
    FunctionClass,
    Indicator,
    Info,
    LoadRun,
    Policy,
    Project,
    Region,
    Unit,
)

MAX_IDS = 100

_READERS: dict[str, tuple[str, Callable[[dict[str, Any]], Node]]] = {
    "BudgetDocument": ("documents_by_id", BudgetDocument.of),
    "DataQualityFinding": ("findings_by_id", DataQualityFinding.of),
    "FunctionClass": ("function_classes_by_code", FunctionClass.of),
    "Indicator": ("indicators_by_id", Indicator.of),
    "LoadRun": ("load_runs_by_id", LoadRun.of),
    "Policy": ("policies_by_key", Policy.of),
    "Project": ("projects_by_id", Project.of),
    "Region": ("regions_by_name", Region.of),
    "Unit": ("units_by_id", Unit.of),
}


async def _fetch(info: Info, node_id: str) -> Node | None:
    decoded = decode(node_id)
    if decoded is None:
        return None
    query_name, build = _READERS[decoded[0]]
    row = await info.context.loaders[query_name].one(decoded[1])
    return build(row) if row else None


def not_found(what: str) -> ClientError:
    return ClientError(what, code="NOT_FOUND")


@strawberry.type
class NodeQuery:
    @strawberry.field(description="Any entity by its global id (the `id` of every Node: Project, Unit, Policy, "
                      "Region, FunctionClass, Indicator, BudgetDocument, DataQualityFinding, LoadRun, and every id in "
                      "fundingLineage and moneyFlows). Null with an error coded NOT_FOUND when nothing has that id.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        found = await _fetch(info, str(id))
        if found is None:
            raise not_found(f"no node with id {str(id)!r}")
        return found

    @strawberry.field(description=f"Entities by global id, in the order asked (at most {MAX_IDS}); null for an id "
                      "nothing has.")
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
        if len(ids) > MAX_IDS:
            raise ClientError(f"nodes: at most {MAX_IDS} ids, got {len(ids)}")
        return list(await asyncio.gather(*(_fetch(info, str(i)) for i in ids)))
