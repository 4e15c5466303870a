"""One project list from the two places a disclosure describes projects.

The 情况说明 block gives a project's name, basis, budget and subsidy facts; its 绩效目标表 /
绩效自评表 gives the indicators, and in final accounts the executed amount and the score. Both
name the project, but not always alike: converters garble table cells ("社会会保障卡尔发放工作经费"),
units shorten names in the tables ("离退休生存状况验证工作经费") and narrow cells cut them. So tables are paired with
blocks by name similarity, accepting a looser likeness when the amounts agree; a table naming a
different 发文字号 than the block is another project (last year's carry-over of the same subsidy).
The policies a table's 总体目标 cites join the block's.
A table that pairs with no block is a project of its own (final accounts have only tables;
budgets list self-funded and carried-over projects only there).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, replace
from difflib import SequenceMatcher

from loaders.extract.indicators import EvaluatedProject, normalise_project_name
from loaders.facts import CitationRole, PolicyRef, ProjectFact, SourceRef
from vocab.docnumbers import find_doc_numbers

_SAME_NAME = 0.85  # similarity that pairs a table with a block whatever the amounts
_SAME_AMOUNT_NAME = 0.5  # similarity enough when the budgets agree
_MIN_PREFIX = 6  # a table name cut short by its cell still pairs when it starts the block's name
_CENT = 0.005


def _numbers(name: str) -> list[str]:
    return [number for number, _, _ in find_doc_numbers(name)]


def likeness(block: ProjectFact, name: str, budget_wan: float | None) -> tuple[bool, float] | None:
    """(budgets agree, name similarity) when ``block`` and a table naming ``name`` with ``budget_wan``
    may be one project, else None."""
    a, b = normalise_project_name(block.name), normalise_project_name(name)
    if (na := set(_numbers(a))) and (nb := set(_numbers(b))) and not na & nb:
        return None
    same_amount = (
        block.budget_wan is not None
        and budget_wan is not None
        and abs(block.budget_wan - budget_wan) < _CENT
    )
    ratio = SequenceMatcher(None, a, b).ratio()
    cut_short = len(b) >= _MIN_PREFIX and a.startswith(b) and (same_amount or budget_wan is None)
    if ratio >= _SAME_NAME or (same_amount and ratio >= _SAME_AMOUNT_NAME) or cut_short:
        return same_amount, ratio
    return None


def _with_policies(own: Sequence[PolicyRef], more: Sequence[PolicyRef]) -> tuple[PolicyRef, ...]:
    """``own`` then each ref of ``more`` whose policy and role ``own`` lacks."""
    seen = {(ref.key, ref.role) for ref in own}
    return (*own, *(ref for ref in more if (ref.key, ref.role) not in seen))


def named_policies(name: str, source: SourceRef) -> tuple[PolicyRef, ...]:
    """The 发文字号 in a project's name: the documents that allocated its money."""
    return tuple(PolicyRef(n, None, CitationRole.ALLOCATION, source) for n in _numbers(name))


def _from_table(table: EvaluatedProject) -> ProjectFact:
    """A project known only by its table; a 发文字号 in its name allocated its money, those its
    总体目标 cites are its basis."""
    named = named_policies(table.name, table.source)
    return ProjectFact(
        name=table.name,
        source=table.source,
        policies=_with_policies(named, table.policies),
        budget_wan=table.budget_wan,
        executed_wan=table.executed_wan,
        self_evaluation_score=table.score,
        indicators=table.indicators,
        execution_rate=table.execution_rate,
        initial_budget_wan=table.initial_budget_wan,
        manager=table.manager,
    )


def _completed(block: ProjectFact, table: EvaluatedProject) -> ProjectFact:
    return replace(
        block,
        policies=_with_policies(block.policies, table.policies),
        budget_wan=block.budget_wan if block.budget_wan is not None else table.budget_wan,
        executed_wan=table.executed_wan,
        self_evaluation_score=table.score,
        indicators=table.indicators,
        execution_rate=table.execution_rate,
        initial_budget_wan=table.initial_budget_wan,
        manager=table.manager,
    )


def _same_described(blocks: Sequence[ProjectFact]) -> list[ProjectFact]:
    """Blocks naming one project folded into the first: a budget book may describe a project in
    the 情况说明's fields and again in its 项目经费情况说明 (立项依据, 年度预算安排); what one
    states and the other does not completes it, and their policies join."""
    folded: dict[str, ProjectFact] = {}
    for block in blocks:
        key = normalise_project_name(block.name)
        if (first := folded.get(key)) is None:
            folded[key] = block
            continue
        filled = {
            f.name: getattr(block, f.name)
            for f in fields(first)
            if f.init and getattr(first, f.name) in (None, ()) and f.name != "policies"
        }
        folded[key] = replace(first, **filled, policies=_with_policies(first.policies, block.policies))
    return list(folded.values())


def merge_projects(
    blocks: Sequence[ProjectFact], tables: Sequence[EvaluatedProject]
) -> tuple[ProjectFact, ...]:
    """The blocks (one a project), each completed by its table, then the tables no block claimed."""
    blocks = _same_described(blocks)
    candidates = sorted(
        (
            (found, i, j)
            for i, block in enumerate(blocks)
            for j, table in enumerate(tables)
            if (found := likeness(block, table.name, table.budget_wan)) is not None
        ),
        reverse=True,
    )
    pairs: dict[int, int] = {}
    for _, i, j in candidates:
        if i not in pairs and j not in pairs.values():
            pairs[i] = j
    merged = [_completed(block, tables[pairs[i]]) if i in pairs else block for i, block in enumerate(blocks)]
    claimed = set(pairs.values())
    return (*merged, *(_from_table(t) for j, t in enumerate(tables) if j not in claimed))
