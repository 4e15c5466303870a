"""What a document states of its whole against the previous year and, in final accounts, against
its initial budget: "收入支出总体与上年相比，增加 114.20 万元，增长 6.51%，主要原因是：…",
"财政拨款收入支出总体与上年相比，减少 25.49 万元…" (or a budget's "收支总预算 X 万元，比上年增加…"), and
"与年初预算相比，年初预算数 1,649.93 万元，决算数 1,727.26 万元，预决算差异率 4.69%，主要原因是：…"
(the national template: "…年初预算为 X 万元，支出决算为 Y 万元，完成年初预算的 Z%。决算数大于年初预算数的
主要原因是…"). Read from the compacted text outside the 项 statements (:mod:`.function_narrative`),
each figure as stated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from loaders.extract.comparisons import CHANGE, read_comparisons, sentence_end
from loaders.extract.function_narrative import statement_spans
from loaders.extract.joined import Joined
from loaders.extract.narrative import WAN
from loaders.facts import BudgetComparisonFact, PriorYearChangeFact, WholeDocumentFacts
from loaders.layout import Layout

_ANY_WAN = r"\d[\d,]*(?:\.\d+)?万元"
_TOTAL = re.compile(rf"(?<!财政拨款)(?:收入支出(?:决算)?总体(?:情况)?|收支总预算{_ANY_WAN})")
_APPROPRIATION = re.compile(rf"财政拨款(?:收入支出(?:决算)?总体(?:情况)?|收支总预算{_ANY_WAN})")
_NEAR = 12  # characters between a whole-document anchor and its 比上年/与上年相比
_CLAUSE = 60  # room for that clause: "比上年决算减少 1,234.56 万元，下降 12.34%"
_BUDGET = re.compile(rf"年初预算(?:数)?(?:为|是)?:?{WAN},?(?:支出)?决算(?:数)?(?:为|是)?:?\d")


def _outside(spans: Sequence[tuple[int, int]], at: int) -> bool:
    return not any(start <= at < end for start, end in spans)


def _change(
    layout: Layout, joined: Joined, anchor: re.Pattern[str], taken: list[tuple[int, int]]
) -> PriorYearChangeFact | None:
    """The first sentence starting at ``anchor`` that goes on to compare with the previous year
    (the comparison within a few characters of it, so a heading is not read as its section's)."""
    text = joined.text
    for m in anchor.finditer(text):
        near = CHANGE.search(text, m.end(), m.end() + _NEAR + _CLAUSE)
        if near is None or near.start() - m.end() > _NEAR or "。" in text[m.end() : near.start()]:
            continue
        if not _outside(taken, m.start()):
            continue
        end = sentence_end(text, m.start(), len(text))
        said = read_comparisons(text, m.start(), end)
        return PriorYearChangeFact(
            change_wan=said.change_wan,
            change_rate=said.change_rate,
            compared_with=said.compared_with,
            reason=said.change_reason,
            source=joined.source(layout, m.start(), end),
        )
    return None


def _budget_comparison(layout: Layout, joined: Joined, taken: list[tuple[int, int]]) -> BudgetComparisonFact | None:
    """The first 年初预算 … 决算 sentence outside the 项 statements (the 财政拨款 as a whole comes
    first, before the 一般公共预算 part repeats it), with the sentence explaining it."""
    text = joined.text
    for m in _BUDGET.finditer(text):
        if not _outside(taken, m.start()):
            continue
        end = sentence_end(text, m.start(), len(text))
        following = sentence_end(text, end, len(text))
        said = read_comparisons(text, m.start(), end)
        if said.variance_reason is None and re.search(r"主要原因", text[end:following]):
            said = read_comparisons(text, m.start(), following)
            end = following
        return BudgetComparisonFact(
            initial_budget_wan=said.initial_budget_wan,
            actual_wan=said.actual_wan,
            variance_rate=said.variance_rate,
            completion_rate=said.completion_rate,
            reason=said.variance_reason,
            source=joined.source(layout, m.start(), end),
        )
    return None


def read_whole_document(layout: Layout, narrative: Joined | None = None) -> WholeDocumentFacts:
    """收入支出总体 and 财政拨款 compared with the previous year, and the 年初预算 comparison."""
    joined = narrative or Joined.of(layout.lines)
    taken = statement_spans(joined.text)
    return WholeDocumentFacts(
        prior_year_change=_change(layout, joined, _TOTAL, taken),
        appropriation_change=_change(layout, joined, _APPROPRIATION, taken),
        budget_comparison=_budget_comparison(layout, joined, taken),
    )
