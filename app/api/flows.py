"""Money flows of one unit and year, ready for a Sankey diagram: sources → unit → function
classes → projects, with amounts in 万元 on the links.

Only what the documents state is drawn: a project's source is its allocation document(s) or
its 资金来源 text; its function classes and the amount under each come from the 项目支出表
(budgets publish one; final accounts mostly do not), and a project no such table places hangs
from the unit directly. A link whose amount is unknown has ``valueWan: null``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import strawberry

from app.api.relay import global_id
from app.api.types import DocumentKind, Row


@strawberry.type(description="A node of a Sankey diagram; `stage` is its column (0 sources, 1 unit, "
                 "2 function classes, 3 projects).")
class FlowNode:
    id: strawberry.ID = strawberry.field(description="The entity's global id (node(id:) fetches it); a Source "
                                         "(资金来源 as written) is not an entity and has none to fetch")
    type: str = strawberry.field(description="Source, Policy, Unit, FunctionClass or Project")
    label: str
    stage: int


@strawberry.type(description="A link of a Sankey diagram: money from source to target.")
class FlowLink:
    source: strawberry.ID
    target: strawberry.ID
    value_wan: float | None = strawberry.field(description="Amount in 万元; null when the documents do not say")


@strawberry.type(description="Nodes and links of a unit's money flows in one fiscal year.")
class MoneyFlows:
    fiscal_year: int
    kind: DocumentKind
    nodes: list[FlowNode]
    links: list[FlowLink]


def _amount(project: Row, kind: DocumentKind) -> float | None:
    value = project.get("executedWan" if kind is DocumentKind.FINAL_ACCOUNTS else "budgetWan")
    return float(value) if value is not None else None


def _sources(project: Row, amount: float | None) -> Iterator[tuple[str, str, str, float | None]]:
    """(id, type, label, amount) of where a project's money comes from; a split between several
    allocation documents is not stated, so their links carry no amount."""
    allocations: list[dict[str, Any]] = project.get("allocations") or []
    for allocation in allocations:
        share = amount if len(allocations) == 1 else None
        yield f"Policy:{allocation['key']}", "Policy", allocation["label"], share
    if not allocations and project.get("fundingSource"):
        yield f"Source:{project['fundingSource']}", "Source", project["fundingSource"], amount


def build_flows(row: Row, fiscal_year: int, kind: DocumentKind) -> MoneyFlows:
    """Fold the ``money_flows`` row into nodes and links, summing parallel links."""
    nodes: dict[str, FlowNode] = {}
    links: dict[tuple[str, str], float | None] = {}

    def node(node_key: str, kind_: str, label: str, stage: int) -> str:
        type_name, _, key = node_key.partition(":")
        node_id = str(global_id(type_name, key))
        nodes.setdefault(node_id, FlowNode(id=strawberry.ID(node_id), type=kind_, label=label, stage=stage))
        return node_id

    def link(source: str, target: str, value: float | None) -> None:
        if (source, target) not in links:
            links[(source, target)] = value
            return
        before = links[(source, target)]
        links[(source, target)] = None if before is None or value is None else round(before + value, 6)

    unit = node(f"Unit:{row['unit']['id']}", "Unit", row["unit"]["name"], 1)

    def function_class(code: str, name: str | None = None, total: float | None = None) -> str:
        node_id = str(global_id("FunctionClass", code))
        if node_id not in nodes:
            link(unit, node(f"FunctionClass:{code}", "FunctionClass", f"{code} {name or ''}".strip(), 2), total)
        return node_id

    for line in row["lines"]:
        function_class(line["code"], line.get("name"), line.get("totalWan"))
    for project in row["projects"]:
        amount = _amount(project, kind)
        target = node(f"Project:{project['id']}", "Project", project["name"], 3)
        for source_id, source_type, label, share in _sources(project, amount):
            link(node(source_id, source_type, label, 0), unit, share)
        placed: list[Row] = project.get("classes") or []
        for line in placed:
            link(function_class(line["code"]), target, line.get("amountWan") if len(placed) > 1 else amount)
        if not placed:
            link(unit, target, amount)
    return MoneyFlows(fiscal_year=fiscal_year, kind=kind, nodes=list(nodes.values()),
                      links=[FlowLink(source=strawberry.ID(s), target=strawberry.ID(t), value_wan=v)
                             for (s, t), v in links.items()])
