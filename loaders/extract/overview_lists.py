"""概况 lists: the 主要职能 items and the 下属单位.

主要职能 runs from its heading to 机构设置; its items are numbered "(一)" or "(1)" (an opening
sentence before the first number describes the unit and is no item), or, in a single paragraph,
separated by "；". The table of contents repeats both headings with nothing between them, so the
section is the first one with text. 下属单位 is "无下属预算单位" (no units: an empty list) or
"下属单位N个，分别是：A、B" (their names), or, in the national template's 单位构成 / 机构设置, the list
after "纳入…编制范围的单位包括：" or "具体包括：" (a 序号 | 单位名称 | 备注 table, or numbered lines),
the department itself (本级, 本部) left out; a document silent about it leaves it unknown.
"""

from __future__ import annotations

import re

from loaders.extract.joined import Joined, compact, tidy
from loaders.facts import DutiesFacts
from loaders.layout import Layout, Line
from vocab.numbers import clean_text

_START = re.compile(r"主要职能")
_END = re.compile(r"(?:#+ *)?(?:[一二三四五六七八九十]+、)?机构设置")  # a markdown heading mark too
_ITEM = re.compile(r"\((?:[一二三四五六七八九十]{1,3}|\d{1,2})\)")
_NO_UNITS = re.compile(r"无下属(?:预算)?单位")
_UNITS = re.compile(
    r"下属(?:预算)?单位(?:有|包括|共)?(?:\d+|[一二三四五六七八九十]+)个,?(?:分别是|分别为|包括|即|为)?:?(?P<names>[^。;]+)"
)
_MIN_SECTION = 8  # characters: a table-of-contents entry holds none
_LISTED = re.compile(r"(?:范围的单位|具体)包括(?:\([^)]{0,12}\))?:")
_NUMBERED = re.compile(r"^\d{1,2}[.、]\s*(?P<name>\S.*)$")
_ITSELF = re.compile(r"本级|本部")
_NAME_AROUND = re.compile(r"^下属(?:行政|事业|参公)?单位|(?:不单列预算|预算不单列)$")


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


def _line_after(joined: Joined, m: re.Match[str]) -> int | None:
    return joined.line_numbers[m.end()] if m.end() < len(joined.text) else None


def _unit_name(text: str) -> str | None:
    """A listed unit's name: up to its first comma, without "下属事业单位" or "不单列预算"."""
    name = _NAME_AROUND.sub("", tidy(re.split("[,;。]", text, maxsplit=1)[0]))
    return name if name and not _ITSELF.search(name) else None


def _listed_units(layout: Layout, joined: Joined) -> tuple[tuple[str, ...], int, int] | None:
    """The units listed after "…包括：" (ending its line, maybe wrapped), as table rows
    (序号 | 单位名称 | 备注) or numbered lines, with the first and last line read."""
    lines = layout.lines
    ends_line = (m for m in _LISTED.finditer(joined.text) if joined.line_numbers[m.end() - 1] != _line_after(joined, m))
    m = next(ends_line, None)
    if m is None:
        return None
    at = joined.line_numbers[m.end() - 1] - 1
    names: list[str] = []
    end = at
    for line in lines[at + 1 :]:
        if line.cells:
            cells = [c.strip() for c in line.cells]
            if cells and cells[0] == "序号":
                continue
            name = next((c for c in cells if c and not c.isdigit()), "")
        elif m := _NUMBERED.match(clean_text(line.text).strip()):
            name = m["name"]
        else:
            break
        end = line.number
        if unit := _unit_name(compact(Line(0, name))):
            names.append(unit)
    return (tuple(names), lines[at].number, end) if end > lines[at].number else None


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
    elif listed := _listed_units(layout, joined):
        units = listed[0]
    return DutiesFacts(
        functions=functions,
        subordinate_units=units,
        source=joined.source(layout, *span) if span else None,
    )
