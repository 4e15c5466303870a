"""概况 lists: the 主要职能 items and the 下属单位.

主要职能 runs from its heading to 机构设置; its items are numbered "(一)" or "(1)" (an opening
sentence before the first number describes the unit and is no item), or, in a single paragraph,
separated by "；". The table of contents repeats both headings with nothing between them, so the
section is the first one with text. 下属单位 is "无下属预算单位" (no units: an empty list) or
"下属单位N个，分别是：A、B" (their names); a document silent about it leaves it unknown.
"""

from __future__ import annotations

import re

from loaders.extract.joined import Joined, tidy
from loaders.facts import DutiesFacts
from loaders.layout import Layout

_START = re.compile(r"主要职能")
_END = re.compile(r"(?:#+ *)?(?:[一二三四五六七八九十]+、)?机构设置")  # a markdown heading mark too
_ITEM = re.compile(r"\((?:[一二三四五六七八九十]{1,3}|\d{1,2})\)")
_NO_UNITS = re.compile(r"无下属(?:预算)?单位")
_UNITS = re.compile(
    r"下属(?:预算)?单位(?:有|包括|共)?(?:\d+|[一二三四五六七八九十]+)个,?(?:分别是|分别为|包括|即|为)?:?(?P<names>[^。;]+)"
)
_MIN_SECTION = 8  # characters: a table-of-contents entry holds none


def _section(joined: Joined) -> tuple[int, int] | None:
    for m in _START.finditer(joined.text):
        stop = _END.search(joined.text, m.end())
        end = stop.start() if stop else len(joined.text)
        if end - m.end() >= _MIN_SECTION:
            return m.end(), end
    return None


def _items(text: str) -> tuple[str, ...]:
    marks = list(_ITEM.finditer(text))
    if marks:
        bounds = [m.end() for m in marks]
        ends = [m.start() for m in marks[1:]] + [len(text)]
        pieces = [text[s:e] for s, e in zip(bounds, ends, strict=True)]
    else:
        pieces = re.split(r"[;。]", text)
    return tuple(item for piece in pieces if (item := tidy(piece.strip("-、 "))))


def read_overview_lists(layout: Layout, narrative: Joined | None = None) -> DutiesFacts:
    """主要职能 items and 下属单位 names; empty/unknown where the document does not state them."""
    joined = narrative or Joined.of(layout.lines)
    span = _section(joined)
    functions = _items(joined.text[span[0] : span[1]].removeprefix(":")) if span else ()
    units: tuple[str, ...] | None = None
    if _NO_UNITS.search(joined.text):
        units = ()
    elif m := _UNITS.search(joined.text):
        units = tuple(n for name in re.split(r"[、,]", m["names"]) if (n := tidy(name)))
    return DutiesFacts(
        functions=functions,
        subordinate_units=units,
        source=joined.source(layout, *span) if span else None,
    )
