"""Funding lineage: policy → allocation documents → projects → units → regions, as a graph a
frontend can draw directly (typed nodes, typed edges with amounts)."""

from __future__ import annotations

from typing import Any

import strawberry

from app.api.relay import global_id


@strawberry.type(description="A node of a lineage graph.")
class LineageNode:
    id: strawberry.ID = strawberry.field(description="The entity's global id: node(id:) fetches it")
    type: str = strawberry.field(description="Policy, Project, Unit, Region, ...")
    label: str


@strawberry.type(description="A directed edge of a lineage graph, with the amount it carries when known.")
class LineageEdge:
    source: strawberry.ID
    target: strawberry.ID
    type: str
    amount_wan: float | None


@strawberry.type(description="Nodes and edges for drawing how a policy's money reaches projects, units and regions.")
class LineageGraph:
    nodes: list[LineageNode]
    edges: list[LineageEdge]


class _Builder:
    """The graph's nodes and edges, each made once: the rows of 10,000 projects name their policy, units and
    regions over and over (ids kept by kind, then key: no pair made per look-up)."""

    def __init__(self) -> None:
        self.nodes: dict[str, LineageNode] = {}
        self.edges: dict[tuple[str, str, str], LineageEdge] = {}
        self.ids: dict[str, dict[str, str]] = {}

    def node(self, kind: str, key: str, label: str) -> str:
        ids = self.ids.get(kind)
        if ids is None:
            ids = self.ids[kind] = {}
        node_id = ids.get(key)
        if node_id is None:
            node_id = ids[key] = str(global_id(kind, key))
            self.nodes[node_id] = LineageNode(id=strawberry.ID(node_id), type=kind, label=label)
        return node_id

    def edge(self, source: str, target: str, kind: str, amount: float | None = None) -> None:
        key = (source, target, kind)
        if key not in self.edges:
            self.edges[key] = LineageEdge(source=strawberry.ID(source), target=strawberry.ID(target), type=kind,
                                          amount_wan=amount)


def build_lineage(rows: list[dict[str, Any]], policy_label: str) -> LineageGraph:
    """Fold the ``funding_lineage`` rows (one per project × allocation, with its region chain)."""
    g = _Builder()
    node, edge = g.node, g.edge
    for row in rows:
        policy = node("Policy", row["policyKey"], policy_label)
        project = row["project"]
        amount = project.get("budgetWan")
        p = node("Project", project["id"], f"{project['name']} ({project['fiscalYear']})")
        edge(policy, p, row["linkType"], amount)
        if row.get("allocationKey") and row["allocationKey"] != row["policyKey"]:
            alloc = node("Policy", row["allocationKey"], row.get("allocationNumber") or row["allocationKey"])
            edge(policy, alloc, "IMPLEMENTED_BY")
            edge(alloc, p, "ALLOCATES", amount)
        unit = node("Unit", row["unit"]["id"], row["unit"]["name"])
        edge(p, unit, "UNDERTAKEN_BY", amount)
        if row.get("region"):
            edge(unit, node("Region", row["region"], row["region"]), "IN_REGION")
        for child, parent in row.get("regionChain") or []:
            edge(node("Region", child, child), node("Region", parent, parent), "PART_OF")
    return LineageGraph(nodes=list(g.nodes.values()), edges=list(g.edges.values()))
