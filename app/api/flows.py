"""Money flows ready for a Sankey diagram, balanced: every inner node passes on what it receives.

One document (``moneyFlows``): income by source (and carried-over money) → the unit → 功能分类 类 → 款 → 项 → 基本支出 /
项目支出 → projects, amounts in 万元. Carried-over money is one of the income sources (财政拨款结转)
and a carry-over project hangs from 项目支出 like any other, so nothing is counted twice. A
document that publishes no 项 lines (final accounts whose tables are published apart) goes from
the unit to its stated 基本/项目 totals.

One policy across units and years (``policyFlows``): the policy → the allocation documents that
pass its money on → units → projects, each project's 预算 flowing up.

Where the documents' numbers do not add up (a node receives more than it passes on, or passes on
more than it receives, beyond rounding), the difference is drawn as a ``Gap`` node and reported
in ``findings``: the picture stays true to what is stated and says where it is incomplete.
"""

from __future__ import annotations

from collections.abc import Iterable

import strawberry

from app.api.relay import global_id
from app.api.types import DocumentKind, Row
from vocab.classification import function_classes

ROUNDING_WAN = 0.005
"""Rounding allowed per amount stated (as in loaders/reconcile.py)."""
_INNER = {"Unit", "FunctionClass", "Spending", "Policy"}
"""Nodes that pass money on: a unit and a 功能分类 always; 基本/项目 and an allocation document when anything
flows out of them (基本支出 is not itemised by project, so it ends there)."""
_SPENDING = {"BASIC": "基本支出", "PROJECT": "项目支出"}
_CARRIED = "结转"
"""Money carried over from last year: an income line of budgets (财政拨款结转), the document's 年初结转和结余
beside its income in final accounts; drawn once either way."""


@strawberry.type(description="A node of a Sankey diagram; `stage` is its column, left to right.")
class FlowNode:
    id: strawberry.ID = strawberry.field(description=(
        "The entity's global id (node(id:) fetches it); Source (income as the document names it), Spending "
        "(基本支出/项目支出) and Gap nodes are not entities and have none to fetch"))
    type: str = strawberry.field(description="Source, Policy, Unit, FunctionClass, Spending, Project or Gap")
    label: str
    stage: int


@strawberry.type(description="A link of a Sankey diagram: money from source to target.")
class FlowLink:
    source: strawberry.ID
    target: strawberry.ID
    value_wan: float | None = strawberry.field(description="Amount in 万元; null when the documents do not say")


@strawberry.type(description="Where the stated numbers do not balance at a node: what flows in and out of it "
                 "(万元) and how the difference is drawn.")
class FlowFinding:
    node: strawberry.ID
    label: str
    inflow_wan: float
    outflow_wan: float
    message: str


@strawberry.type(description="Nodes and links of a unit's money flows in one fiscal year. Every inner node "
                 "(unit, 功能分类, 基本/项目) has inflow = outflow; where the documents do not add up, a Gap node "
                 "carries the difference and findings says so.")
class MoneyFlows:
    fiscal_year: int
    kind: DocumentKind
    nodes: list[FlowNode]
    links: list[FlowLink]
    findings: list[FlowFinding]


@strawberry.type(description="A policy's money across all units and years: policy → allocation documents → "
                 "units → projects (预算, 万元), balanced like moneyFlows.")
class PolicyFlows:
    nodes: list[FlowNode]
    links: list[FlowLink]
    findings: list[FlowFinding]


class Sankey:
    """Nodes and summed links, balanced on demand."""

    def __init__(self) -> None:
        self.nodes: dict[str, FlowNode] = {}
        self.links: dict[tuple[str, str], float | None] = {}
        self.findings: list[FlowFinding] = []

    def node(self, type_name: str, key: str, label: str, stage: int) -> str:
        """The node's id: a global id for an entity, ``Type:key`` for the rest."""
        entity = type_name in {"Unit", "FunctionClass", "Project", "Policy"}
        node_id = str(global_id(type_name, key)) if entity else f"{type_name}:{key}"
        self.nodes.setdefault(node_id, FlowNode(id=strawberry.ID(node_id), type=type_name, label=label, stage=stage))
        return node_id

    def link(self, source: str, target: str, value: float | None) -> None:
        if value == 0:
            return  # 未安排: nothing to draw
        before = self.links.get((source, target), 0.0)
        total = None if before is None or value is None else round(before + value, 6)
        self.links[(source, target)] = total

    def balance(self) -> None:
        """Draw every inner node's difference between inflow and outflow as a Gap, and report it."""
        inflow: dict[str, list[float | None]] = {}
        outflow: dict[str, list[float | None]] = {}
        for (source, target), value in self.links.items():
            outflow.setdefault(source, []).append(value)
            inflow.setdefault(target, []).append(value)
        for node_id, node in list(self.nodes.items()):
            ins, outs = inflow.get(node_id, []), outflow.get(node_id, [])
            passes_on = node.type in {"Unit", "FunctionClass"} or (node.type in _INNER and bool(outs))
            if not passes_on or (node.stage == 0 and not ins):
                continue
            got, given = _total(ins), _total(outs)
            if abs(got - given) <= ROUNDING_WAN * max(1, len(ins) + len(outs)):
                continue
            if got > given:
                gap = self.node("Gap", f"{node_id}|out", f"未列明 (not itemised): {node.label}", node.stage + 1)
                self.link(node_id, gap, round(got - given, 6))
                drawn = f"the {got - given:.2f} not passed on is drawn to {gap}"
            else:
                gap = self.node("Gap", f"{node_id}|in", f"来源未说明 (unexplained source): {node.label}",
                                max(0, node.stage - 1))
                self.link(gap, node_id, round(given - got, 6))
                drawn = f"the {given - got:.2f} not received is drawn from {gap}"
            self.findings.append(FlowFinding(
                node=strawberry.ID(node_id), label=node.label, inflow_wan=round(got, 6), outflow_wan=round(given, 6),
                message=f"{node.label}: {got:.2f} 万元 flow in, {given:.2f} flow out; {drawn}"))

    def result(self) -> tuple[list[FlowNode], list[FlowLink], list[FlowFinding]]:
        links = [FlowLink(source=strawberry.ID(s), target=strawberry.ID(t), value_wan=v)
                 for (s, t), v in self.links.items()]
        return list(self.nodes.values()), links, self.findings


def _total(values: Iterable[float | None]) -> float:
    return sum(v for v in values if v is not None)


def _class_chain(code: str) -> list[str]:
    """类, 款 and 项 of a 功能分类 code (as far as the code goes)."""
    return [code[:n] for n in (3, 5, 7) if len(code) >= n]


def build_flows(row: Row, fiscal_year: int, kind: DocumentKind) -> MoneyFlows:
    """The ``money_flows`` row as a balanced Sankey (see the module doc)."""
    g = Sankey()
    unit = g.node("Unit", row["unit"]["id"], row["unit"]["name"], 1)
    for income in row["income"]:
        if income.get("amountWan") is not None:
            g.link(g.node("Source", income["name"], income["name"], 0), unit, income["amountWan"])
    carried = row["document"].get("carryoverWan")
    if carried is not None and not any(_CARRIED in income["name"] for income in row["income"]):
        g.link(g.node("Source", _CARRIED, "年初结转和结余", 0), unit, carried)  # final accounts: apart
    spending = {part: g.node("Spending", part, label, 5) for part, label in _SPENDING.items()}
    lines: list[Row] = row["lines"]
    names = function_classes()
    for line in lines:
        chain = _class_chain(line["code"])
        parent = unit
        for depth, code in enumerate(chain):
            label = f"{code} {line['name'] if code == line['code'] else names.name(code) or ''}".strip()
            current = g.node("FunctionClass", code, label, 2 + depth)
            g.link(parent, current, line.get("totalWan"))
            parent = current
        g.link(parent, spending["BASIC"], line.get("basicWan"))
        g.link(parent, spending["PROJECT"], line.get("projectWan"))
    if not lines:
        document = row["document"]
        g.link(unit, spending["BASIC"], document.get("basicExpenditureWan"))
        g.link(unit, spending["PROJECT"], document.get("projectExpenditureWan"))
    amount = "executedWan" if kind is DocumentKind.FINAL_ACCOUNTS else "budgetWan"
    for project in row["projects"]:
        target = g.node("Project", project["id"], project["name"], 6)
        g.link(spending["PROJECT"], target, project.get(amount))
    for part in spending.values():
        if not any(part in pair for pair in g.links):
            del g.nodes[part]
    g.balance()
    nodes, links, findings = g.result()
    return MoneyFlows(fiscal_year=fiscal_year, kind=kind, nodes=nodes, links=links, findings=findings)


def build_policy_flows(rows: list[Row], key: str, label: str) -> PolicyFlows:
    """The ``funding_lineage`` rows of one policy as a balanced Sankey: policy → allocation documents →
    units → projects, each project's 预算 once however many rows name it."""
    g = Sankey()
    policy = g.node("Policy", key, label, 0)
    allocations: dict[str, dict[str, str]] = {}
    projects: dict[str, Row] = {}
    units: dict[str, Row] = {}
    for row in rows:
        project_id = row["project"]["id"]
        projects[project_id], units[project_id] = row["project"], row["unit"]
        if row.get("allocationKey") and row["allocationKey"] != key:
            allocations.setdefault(project_id, {})[row["allocationKey"]] = row.get("allocationNumber") or row[
                "allocationKey"]
    for project_id, project in projects.items():
        amount, unit_row = project.get("budgetWan"), units[project_id]
        unit = g.node("Unit", unit_row["id"], unit_row["name"], 2)
        via = allocations.get(project_id, {})
        for allocation_key, number in via.items():
            allocation = g.node("Policy", allocation_key, number, 1)
            share = amount if len(via) == 1 else None  # a split between documents is not stated
            g.link(policy, allocation, share)
            g.link(allocation, unit, share)
        if not via:
            g.link(policy, unit, amount)
        g.link(unit, g.node("Project", project_id, f"{project['name']} ({project['fiscalYear']})", 3), amount)
    g.balance()
    nodes, links, findings = g.result()
    return PolicyFlows(nodes=nodes, links=links, findings=findings)
