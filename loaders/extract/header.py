"""Which unit, year and kind a disclosure is, read from its title lines.

The template titles a document "<unit> <year>年(度)<部门|单位><预算|决算>公开", but converters
put the unit on its own line ("巴音郭楞…中心" / "2024 年单位预算公开"), drop the title page
altogether (then "第一部分 <unit>单位概况" and "第二部分 2020年部门预算公开表" tell the same),
or wrap the title in two. The unit written in the title is the document's unit even where the
body still uses a former name.
"""

from __future__ import annotations

import re

from loaders.errors import DocumentError
from loaders.extract.joined import compact, source
from loaders.facts import DocumentKind, HeaderFacts
from loaders.layout import Layout

_UNIT = r"[\u4e00-\u9fff()]{4,40}?"
_YEAR = r"(?P<year>(?:19|20)\d{2})年度?"
_TITLE = re.compile(
    rf"^(?P<unit>{_UNIT})?{_YEAR}(?P<scope>部门|单位)?(?P<kind>预算|决算)(?:信息)?(?:公开)?(?:说明|报告)?$"
)
_PART_ONE = re.compile(rf"^第一部分(?:{_YEAR})?(?P<unit>{_UNIT})(?:单位|部门)概况$")
_PART_KIND = re.compile(
    rf"^第[二三四]部分(?:{_YEAR})?(?P<scope>部门|单位)(?P<kind>预算|决算)(?:公开表|情况说明|报表|公开说明)"
)
_COMPILER = re.compile(rf"^编制(?:部门|单位):(?P<unit>{_UNIT})(?:单位:|$)")
_NOT_UNIT = re.compile(r"目录|部分|公开|说明|概况|^关于|^[一二三四五六七八九十]+、")
_KINDS = {"预算": DocumentKind.BUDGET, "决算": DocumentKind.FINAL_ACCOUNTS}
_HEAD_LINES = 200  # the title is on the first page; "第X部分" headings are searched everywhere
_WINDOW = 6  # lines a wrapped title or heading may span


def _is_unit(text: str | None) -> bool:
    return bool(text and re.fullmatch(_UNIT, text)) and not _NOT_UNIT.search(text or "")


def _find(
    rows: list[tuple[int, str]], pattern: re.Pattern[str], need_unit: bool
) -> tuple[re.Match[str], list[int]] | None:
    """The first run of up to ``_WINDOW`` consecutive lines that reads as ``pattern``.

    Lines are joined because a converter may wrap a title or heading anywhere; the earliest
    start wins, so a unit name broken over the lines above a title is taken whole.
    """
    for i in range(len(rows)):
        for k in range(1, min(_WINDOW, len(rows) - i) + 1):
            window = rows[i : i + k]
            m = pattern.match("".join(text for _, text in window))
            unit = m.groupdict().get("unit") if m else None
            if m and (_is_unit(unit) if need_unit else unit is None or _is_unit(unit)):
                return m, [number for number, _ in window]
    return None


def read_header(layout: Layout) -> HeaderFacts:
    """Unit, kind and fiscal year; :class:`DocumentError` when the text is not a disclosure."""
    rows = [(line.number, text) for line in layout.lines if (text := compact(line))]
    head = rows[:_HEAD_LINES]
    unit: str | None = None
    fields: dict[str, str | None] = {"year": None, "kind": None, "scope": None}
    used: list[int] = []
    if found := _find(head, _TITLE, need_unit=True) or _find(head, _TITLE, need_unit=False):
        m, used = found
        unit = m["unit"] if _is_unit(m["unit"]) else None
        fields = {key: m[key] for key in fields}
    if unit is None and (hit := _find(rows, _PART_ONE, True) or _find(rows, _COMPILER, True)):
        unit = hit[0]["unit"]
        fields["year"] = fields["year"] or hit[0].groupdict().get("year")
        used.extend(hit[1])
    if fields["kind"] is None and (hit := _find(rows, _PART_KIND, need_unit=False)):
        fields = {key: fields[key] or hit[0][key] for key in fields}
        used.extend(hit[1])
    year, kind = fields["year"], fields["kind"]
    if unit is None or year is None or kind is None:
        named = (("unit", unit), ("fiscal year", year), ("预算/决算", kind))
        missing = [what for what, value in named if not value]
        raise DocumentError(layout.path, f"not a budget disclosure: no title naming its {', '.join(missing)}")
    return HeaderFacts(
        unit_name=unit,
        kind=_KINDS[kind],
        fiscal_year=int(year),
        title=f"{unit}{year}年{fields['scope'] or '部门'}{kind}公开",
        source=source(layout, min(used), max(used)),
    )
