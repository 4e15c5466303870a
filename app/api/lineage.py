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
    regions over and over."""

    def __init__(self) -> None:
        self.nodes: dict[str, LineageNode] = {}
        self.edges: dict[tuple[str, str, str], LineageEdge] = {}
        self.ids: dict[tuple[str, str], str] = {}

    def node(self, kind: str, key: str, label: str) -> str:
        node_id = self.ids.get((kind, key))
        if node_id is None:
            node_id = self.ids[kind, key] = str(global_id(kind, key))
            self.nodes[node_id] = LineageNode(id=strawberry.ID(node_id), type=kind, label=label)
        return node_id

    def edge(self, source: str, target: str, kind: str, amount: float | None = None) -> None:
        if (source, target, kind) not in self.edges:
            self.edges[source, target, kind] = LineageEdge(
                source=strawberry.ID(source), target=strawberry.ID(target), type=kind, amount_wan=amount)


def build_lineage(rows: list[dict[str, Any]], policy_label: str) -> LineageGraph:
    """Fold the ``funding_lineage`` rows (one per project × allocation, with its region chain)."""
    g = _Builder()
    for row in rows:
        policy = g.node("Policy", row["policyKey"], policy_label)
        project = row["project"]
        amount = project.get("budgetWan")
        p = g.node("Project", project["id"], f"{project['name']} ({project['fiscalYear']})")
        g.edge(policy, p, row["linkType"], amount)
        if row.get("allocationKey") and row["allocationKey"] != row["policyKey"]:
            alloc = g.node("Policy", row["allocationKey"], row.get("allocationNumber") or row["allocationKey"])
            g.edge(policy, alloc, "IMPLEMENTED_BY")
            g.edge(alloc, p, "ALLOCATES", amount)
        unit = g.node("Unit", row["unit"]["id"], row["unit"]["name"])
        g.edge(p, unit, "UNDERTAKEN_BY", amount)
        if row.get("region"):
            g.edge(unit, g.node("Region", row["region"], row["region"]), "IN_REGION")
        for child, parent in row.get("regionChain") or []:
            g.edge(g.node("Region", child, child), g.node("Region", parent, parent), "PART_OF")
    return LineageGraph(nodes=list(g.nodes.values()), edges=list(g.edges.values()))
