"""情况说明 project blocks: "项目名称：… 设立的政策依据：… 预算安排规模：… 资金分配情况：…".

A block starts at 项目名称 and runs to the next one or to the next heading (八、…, 第四部分).
Fields are found by their labels anywhere in the compacted block, not by line, because
converters put two fields on one line ("…等费用设立的政策依据：…") and one field on many.
Numbers in 设立的政策依据 (立项依据) and in the project's own description (总体目标, 实施内容)
are the project's BASIS; numbers in its name or in 资金分配情况
(``自治区国有企业改革成本巴财企[2024]58号``) are the documents that ALLOCATE its money.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from loaders.extract import fields
from loaders.extract.citations import policy_refs
from loaders.extract.joined import Joined, canonical_name, compact, tidy
from loaders.facts import CitationRole, PolicyRef, ProjectFact
from loaders.layout import Layout

_NUMERAL = "[一二三四五六七八九十]+"
# The template's labels, and the other words units use for them (read as the template's).
_SYNONYMS = {
    "政策依据": "设立的政策依据",
    "立项依据": "设立的政策依据",
    "预算金额": "预算安排规模",
    "资金规模": "预算安排规模",
    "补助人数": "补贴人数",
    "补助标准": "补贴标准",
    "补贴对象": "补贴范围",
    "补助范围": "补贴范围",
    "补助方式": "补贴方式",
}
# Fields in which a project describes itself: a 发文字号 there is what it rests on, too.
_OWN_TEXT = ("年度总体目标", "项目总体目标", "实施内容")
_TEMPLATE_LABELS = (
    "项目名称", "设立的政策依据", "预算安排规模", "项目承担单位", "资金分配情况", "资金执行时间", "资金来源",
    "补贴人数", "补贴标准", "补贴范围", "补贴方式", "发放程序", "受益人群和社会效益", "项目概述", "绩效目标",
    *_OWN_TEXT,
)
_LABEL = re.compile(
    rf"(?:\({_NUMERAL}\))?(?P<label>{'|'.join(sorted((*_TEMPLATE_LABELS, *_SYNONYMS), key=len, reverse=True))}):"
)
_START = re.compile(r"项目名称:")
_HEADING = re.compile(rf"^(?:第{_NUMERAL}部分|{_NUMERAL}、|\({_NUMERAL}\)(?!项目名称)|表\d+$)")


@dataclass(frozen=True)
class _Block:
    joined: Joined
    spans: dict[str, tuple[int, int]]
    """Label -> where its value is in ``joined.text``."""

    def raw(self, label: str) -> str | None:
        span = self.spans.get(label)
        return self.joined.text[span[0] : span[1]] if span else None

    def value(self, label: str) -> str | None:
        """The value as written, without the template's separators; None when absent or blank."""
        raw = self.raw(label)
        return (tidy(raw) or None) if raw is not None else None

    def refs(self, label: str, layout: Layout, role: CitationRole, titles: bool) -> list[PolicyRef]:
        span = self.spans.get(label)
        if span is None:
            return []
        return policy_refs(self.joined.slice(*span), layout, role, titles_alone=titles)


def _regions(layout: Layout) -> list[Joined]:
    """Stretches of text from a 项目名称 label to the next heading line.

    Labels are looked for in the whole compacted text (a converter may wrap "项目名\n称："),
    headings by line, since a heading always starts one.
    """
    whole = Joined.of(layout.lines)
    headings = [line.number for line in layout.lines if _HEADING.match(compact(line))]
    regions: list[Joined] = []
    end = 0
    for m in _START.finditer(whole.text):
        if m.start() < end:
            continue
        line = whole.line_numbers[m.start()]
        stop = next((h for h in headings if h > line), None)
        begin = bisect_left(whole.line_numbers, line)
        end = bisect_left(whole.line_numbers, stop) if stop else len(whole.text)
        regions.append(whole.slice(begin, end))
    return regions


def _blocks(region: Joined) -> list[_Block]:
    labels = list(_LABEL.finditer(region.text))
    starts = [k for k, m in enumerate(labels) if m["label"] == "项目名称"]
    blocks: list[_Block] = []
    for n, k in enumerate(starts):
        last = starts[n + 1] if n + 1 < len(starts) else len(labels)
        begin = labels[k].start()
        end = labels[last].start() if last < len(labels) else len(region.text)
        spans: dict[str, tuple[int, int]] = {}
        for m, following in zip(labels[k:last], [*labels[k + 1 : last], None], strict=True):
            label = _SYNONYMS.get(m["label"], m["label"])
            spans.setdefault(label, (m.end() - begin, (following.start() if following else end) - begin))
        blocks.append(_Block(region.slice(begin, end), spans))
    return blocks


def _project(block: _Block, layout: Layout) -> ProjectFact:
    allocation = block.raw("资金分配情况")
    unique: dict[tuple[str, CitationRole], PolicyRef] = {}
    for ref in (
        *block.refs("设立的政策依据", layout, CitationRole.BASIS, titles=True),
        *(ref for label in _OWN_TEXT for ref in block.refs(label, layout, CitationRole.BASIS, titles=False)),
        *block.refs("项目名称", layout, CitationRole.ALLOCATION, titles=False),
        *block.refs("资金分配情况", layout, CitationRole.ALLOCATION, titles=False),
    ):
        unique.setdefault((ref.key, ref.role), ref)
    return ProjectFact(
        name=canonical_name(block.raw("项目名称") or ""),
        source=block.joined.source(layout),
        budget_wan=fields.amount_wan(block.raw("预算安排规模") or ""),
        undertaking_unit=block.value("项目承担单位"),
        execution_period=block.value("资金执行时间"),
        allocation_items=fields.allocation_items(allocation or ""),
        policies=tuple(unique.values()),
        funding_source=block.value("资金来源"),
        beneficiary_count=fields.beneficiaries(block.raw("补贴人数"), allocation),
        subsidy_standard=fields.subsidy_standard(block.raw("补贴标准"), allocation),
        subsidy_scope=block.value("补贴范围"),
        subsidy_method=block.value("补贴方式"),
    )


def read_projects(layout: Layout) -> tuple[ProjectFact, ...]:
    """Every 情况说明 project block that states a budget or a policy basis, in document order."""
    return tuple(
        _project(block, layout)
        for region in _regions(layout)
        for block in _blocks(region)
        if block.value("项目名称") and ("预算安排规模" in block.spans or "设立的政策依据" in block.spans)
    )
