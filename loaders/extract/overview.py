"""机构设置及人员情况: the 科室 a unit is divided into and its staff numbers.

The template sentence is "下设N个科室，分别是：A；B；C。" (or "机关设N个内设机构，包括：…")
followed by "编制数N，实有人数N人，其中：在职N人…退休N人…离休N人". Units say 处室/股室/科
instead of 科室, separate the names with 、 or ；, and narrow-column converters break the list
over many lines, so the sentence is read from the compacted text.
"""

from __future__ import annotations

import re

from loaders.extract.joined import Joined
from loaders.facts import OverviewFacts
from loaders.layout import Layout

_DEPARTMENTS = re.compile(
    r"(?:下设|内设|机关设|设)(?:\d+|[一二三四五六七八九十]+)个(?:内设)?(?:科室|处室|股室|科|股|处|部门|机构)?,?"
    r"(?:(?:分别是|分别为|包括|即|为):?|:)(?P<names>[^。]+)"
)
# "编制数59" / "编制72人"; a bare "编制2025年…" (compiling) is no headcount.
_AUTHORIZED = re.compile(r"编制(?P<word>数|人数)?[:为]?(?P<n>\d+)(?(word)|(?=人|名))")
_ACTUAL = re.compile(r"实有(?:人员|人数)[:为]?(?P<n>\d+)人?")
_BREAKDOWN = {
    key: re.compile(rf"{word}(?:人员)?(?:人数)?[:为]?(?P<n>\d+)人")
    for key, word in (("in_service", "在职"), ("retired", "退休"), ("lixiu", "离休"))
}
_SEPARATORS = "、;,"
_OPENING, _CLOSING = "(《", ")》"


def _split_names(text: str) -> tuple[str, ...]:
    """Split a 科室 list on its separators, but not inside "办公室(组织人事科)"."""
    names: list[str] = []
    depth = 0
    current = ""
    for c in text:
        depth += (c in _OPENING) - (c in _CLOSING)
        if c in _SEPARATORS and depth <= 0:
            names.append(current)
            current = ""
        else:
            current += c
    names.append(current)
    return tuple(n for name in names if (n := name.removesuffix("等").strip()))


def read_overview(layout: Layout) -> OverviewFacts:
    """The 科室 list and staff counts; absent parts stay empty."""
    joined = Joined.of(layout.lines)
    text = joined.text
    spans: list[tuple[int, int]] = []
    departments: tuple[str, ...] = ()
    if m := _DEPARTMENTS.search(text):
        departments = _split_names(m["names"])
        spans.append(m.span())

    def count(pattern: re.Pattern[str], within: tuple[int, int] = (0, len(text))) -> int | None:
        hit = pattern.search(text, *within)
        if hit is None:
            return None
        spans.append(hit.span())
        return int(hit["n"])

    actual = _ACTUAL.search(text)
    # 在职/退休/离休 are read from the sentence that gives 实有人数, not from the narrative about
    # "在职人员减少" further on.
    sentence = (0, 0)
    if actual:
        end = text.find("。", actual.end())
        sentence = (actual.start(), len(text) if end < 0 else end)
    return OverviewFacts(
        departments=departments,
        staff_authorized=count(_AUTHORIZED),
        staff_actual=count(_ACTUAL),
        staff_in_service=count(_BREAKDOWN["in_service"], sentence),
        staff_retired=count(_BREAKDOWN["retired"], sentence),
        staff_lixiu=count(_BREAKDOWN["lixiu"], sentence),
        source=joined.source(layout, min(s for s, _ in spans), max(e for _, e in spans)) if spans else None,
    )
