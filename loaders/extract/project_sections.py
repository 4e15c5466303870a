"""项目经费情况说明: a project described in numbered sections, as budgets in Shanghai print them.

"X项目经费情况说明" (or the bare heading, the name then in the first sentence of 项目概况:
"由…建设的万里街道社区公共服务中心新建工程，…"), then 一、项目概述/项目概况, 二、立项依据,
三、实施主体, 四、实施方案, 五、实施周期, 六、年度预算安排, 七、绩效目标. The policies named in
立项依据 (numbers and 《titles》) and the numbers cited in 项目概述 are the project's BASIS; its
amount is what 年度预算安排 states as one figure (a plan by quarter is no total and gives none).
The table of contents names the part too, so a section counts only when it has 立项依据.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.extract.citations import policy_refs, unique
from loaders.extract.joined import Joined, canonical_name, compact
from loaders.extract.narrative import WAN, wan
from loaders.facts import CitationRole, PolicyRef, ProjectFact
from loaders.layout import Layout

_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、)?(?P<name>.*?)(?:项目)?经费情况说明$")
_PART = re.compile(
    r"^[一二三四五六七八九十]+、(?P<label>项目概述|项目概况|立项依据|实施主体|实施方案|实施周期|年度预算安排|绩效目标)"
)
_NAME_IN_OVERVIEW = re.compile(r"(?:建设|实施|开展|承担)的(?P<name>[^,;。、]{4,40}?(?:工程|项目))[,;。]")
_BUDGET = re.compile(rf"^(?:\d{{4}}年)?(?:年度)?(?:预算)?(?:安排)?(?:资金|经费)?(?:预算)?[为:]?{WAN}[。;]?$")
_OWN_TEXT = ("项目概述", "项目概况")
# A part of the document ("第四部分 绩效目标表") ends the last section before it.
_PART_OF_DOCUMENT = re.compile(r"^第[一二三四五六七八九十]+部分")


@dataclass(frozen=True)
class _Section:
    heading_name: str
    parts: dict[str, Joined]
    whole: Joined


def _sections(layout: Layout) -> list[_Section]:
    lines = layout.lines
    heads = [i for i, line in enumerate(lines) if _HEADING.match(compact(line)) and "…" not in line.text]
    breaks = [i for i, line in enumerate(lines) if _PART_OF_DOCUMENT.match(compact(line))]
    found: list[_Section] = []
    for n, first in enumerate(heads):
        end = min([i for i in [*heads[n + 1 : n + 2], *breaks] if i > first], default=len(lines))
        body = lines[first + 1 : end]
        marks = [(i, m["label"]) for i, line in enumerate(body) if (m := _PART.match(compact(line)))]
        parts = {
            label: Joined.of(body[i + 1 : marks[k + 1][0] if k + 1 < len(marks) else len(body)])
            for k, (i, label) in enumerate(marks)
        }
        heading = _HEADING.match(compact(lines[first]))
        if "立项依据" in parts and heading:
            found.append(_Section(heading["name"], parts, Joined.of(lines[first:end])))
    return found


def _name(section: _Section) -> str | None:
    if section.heading_name:
        return canonical_name(section.heading_name)
    overview = section.parts.get("项目概况") or section.parts.get("项目概述")
    m = _NAME_IN_OVERVIEW.search(overview.text) if overview else None
    return canonical_name(m["name"]) if m else None


def _policies(section: _Section, layout: Layout) -> tuple[PolicyRef, ...]:
    basis = policy_refs(section.parts["立项依据"], layout, CitationRole.BASIS, titles_alone=True)
    own = (ref for label in _OWN_TEXT if label in section.parts
           for ref in policy_refs(section.parts[label], layout, CitationRole.BASIS, titles_alone=False))
    return unique([*basis, *own])


def read_project_sections(layout: Layout) -> tuple[ProjectFact, ...]:
    """Every 项目经费情况说明 with 立项依据 whose project is named, in document order."""
    projects: list[ProjectFact] = []
    for section in _sections(layout):
        name = _name(section)
        if not name:
            continue
        plan = section.parts.get("年度预算安排")
        budget = _BUDGET.match(plan.text) if plan else None
        projects.append(ProjectFact(
            name=name,
            source=section.whole.source(layout),
            budget_wan=wan(budget) if budget else None,
            policies=_policies(section, layout),
        ))
    return tuple(projects)
