"""Which unit, year, kind and scope a disclosure is, read from its cover and title lines.

The national template titles a document "<unit> <year>年(度)<部门|单位><预算|决算>(公开)", and
covers vary around that one vocabulary:

* the unit before or after the year, or on lines of its own ("巴音郭楞…中心" / "2024 年单位预算公开",
  "中共…区委" / "社会工作部 2024 年度" / "部门决算");
* a government's budget book cover: "<government><year>年<区级|市级|县级…><部门|单位>预算" with the
  unit on a label line below it ("预算主管部门：…" for a 部门, "预算单位：…" for a 单位);
* no title page at all ("第一部分 <unit>单位概况" and "第二部分 2020年部门预算公开表" tell the same).

The unit written on the cover is the document's unit even where the body still uses a former
name. **Scope** is what the document says it covers: a 部门 document consolidates the unit and
its subordinate units, a 单位 document the unit alone. It is read from the title's word, else the
cover's label, else the 第X部分 headings. When none says it, the document is a 部门 one: the
national template (财政部's 部门预算/决算公开 formats, 预算法 第十四条) is written for 部门 and a
单位 document always says 单位 where the template says 部门.

A blank template (the unit a placeholder such as "上海市XX局") is refused as such.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from loaders.errors import DocumentError
from loaders.extract.joined import compact, source
from loaders.facts import DocumentKind, DocumentScope, HeaderFacts
from loaders.layout import Layout

_PLACEHOLDER = r"Xx×*○□"
_UNIT = rf"[\u4e00-\u9fff(){_PLACEHOLDER}]{{4,40}}?"
_YEAR = r"(?P<year>(?:19|20)\d{2})年度?"
_LEVEL = r"(?P<level>(?:省|自治区|市|州|盟|地区|区|县|旗|乡|镇)?本?级)"
_KIND = r"(?P<scope>部门|单位)?(?P<kind>预算|决算)(?:信息)?(?:公开)?(?:说明|报告|文本)?$"
# "<unit><year>年<level><scope><kind>": the unit may be missing or a place (then read elsewhere).
_TITLE = re.compile(rf"^(?P<unit>[\u4e00-\u9fff(){_PLACEHOLDER}]{{2,40}}?)?{_YEAR}{_LEVEL}?{_KIND}")
# "<year>年<unit><scope><kind>": the year first.
_TITLE_YEAR_FIRST = re.compile(rf"^{_YEAR}(?P<unit>{_UNIT}){_LEVEL}?{_KIND}")
_PART_ONE = re.compile(rf"^第一部分(?:{_YEAR})?(?P<unit>{_UNIT})(?:单位|部门)?概况$")
_PART_KIND = re.compile(
    rf"^第[二三四]部分(?:{_YEAR})?(?P<scope>部门|单位)(?P<kind>预算|决算)(?:公开表|情况说明|报表|公开说明)"
)
# A cover's label line naming the unit; the 预算主管部门/预算单位 labels also state the scope.
_COVER_LABEL = re.compile(
    rf"^(?P<label>(?:预算|决算)?主管部门|(?:预算|决算)单位|部门名称|单位名称)[:]?(?P<unit>{_UNIT})$"
)
_COMPILER = re.compile(rf"^编制(?:部门|单位):(?P<unit>{_UNIT})(?:单位:|$)")
_NOT_UNIT = re.compile(r"目录|部分|公开|说明|概况|^关于|^[一二三四五六七八九十]+、|^(?:部门|单位)|本?级(?:部门|单位)$")
# A name made of place names only (…省…市…区) is the government publishing the book, not a unit.
_PLACE = re.compile(
    r"^(?:[\u4e00-\u9fff]{1,12}?(?:省|自治区|特别行政区|市|自治州|州|地区|盟|新区|区|自治县|县|自治旗|旗))+$"
)
_TITLE_LIKE = re.compile(rf"{_YEAR}.*(?:预算|决算)")
_KINDS = {"预算": DocumentKind.BUDGET, "决算": DocumentKind.FINAL_ACCOUNTS}
_SCOPES = {"部门": DocumentScope.DEPARTMENT, "单位": DocumentScope.UNIT}
_HEAD_LINES = 200  # the title is on the first page; "第X部分" headings are searched everywhere
_WINDOW = 6  # lines a wrapped title or heading may span
_LABEL_REACH = 8  # lines below the title where its cover's label may stand


Rows = list[tuple[int, str]]
Hit = tuple[re.Match[str], list[int]]


def _is_unit(text: str | None) -> bool:
    return bool(text and re.fullmatch(_UNIT, text)) and not _NOT_UNIT.search(text or "")


def _unit_or_none(text: str | None) -> bool:
    return text is None or _is_unit(text)


def _unit_or_place(text: str | None) -> bool:
    return _unit_or_none(text) or bool(text and _PLACE.match(text))


def _find(rows: Rows, pattern: re.Pattern[str], accept: Callable[[str | None], bool] = _is_unit) -> Hit | None:
    """The first run of up to ``_WINDOW`` consecutive lines that reads as ``pattern``.

    Lines are joined because a converter may wrap a title or heading anywhere; the earliest
    start wins, so a unit name broken over the lines above a title is taken whole.
    """
    for i in range(len(rows)):
        for k in range(1, min(_WINDOW, len(rows) - i) + 1):
            window = rows[i : i + k]
            m = pattern.match("".join(text for _, text in window))
            if m and accept(m.groupdict().get("unit")):
                return m, [number for number, _ in window]
    return None


def _title(head: Rows) -> Hit | None:
    return _find(head, _TITLE) or _find(head, _TITLE_YEAR_FIRST) or _find(head, _TITLE, _unit_or_place)


def _title_unit(m: re.Match[str]) -> str | None:
    """The name before the year, unless it is the government whose book this is (a 区级/市级 title,
    or a name of places only: 上海市普陀区)."""
    unit = m["unit"]
    if not _is_unit(unit) or m["level"] or _PLACE.match(unit):
        return None
    return str(unit)


def _cover_label(head: Rows, below: int) -> Hit | None:
    """The unit's label line just below the title (a budget book's cover)."""
    near = [(n, t) for n, t in head if below < n <= below + _LABEL_REACH]
    return _find(near, _COVER_LABEL)


def _label_scope(label: str) -> str | None:
    """预算主管部门 labels a 部门 document, 预算单位 a 单位 one; 部门名称/单位名称 say nothing of scope."""
    if label.endswith("主管部门"):
        return "部门"
    return "单位" if label in ("预算单位", "决算单位") else None


def _refuse(layout: Layout, head: Rows, named: dict[str, str | None]) -> DocumentError:
    missing = [what for what, value in named.items() if not value]
    reason = f"not a budget disclosure: no title naming its {', '.join(missing)}"
    if like := next((text for _, text in head if _TITLE_LIKE.search(text)), None):
        reason += f"; the first line naming a year and 预算/决算 titles something else: {like[:60]}"
    return DocumentError(layout.path, reason)


def read_header(layout: Layout) -> HeaderFacts:
    """Unit, kind, year and scope; :class:`DocumentError` when the text is not a disclosure."""
    rows = [(line.number, text) for line in layout.lines if (text := compact(line))]
    head = rows[:_HEAD_LINES]
    unit: str | None = None
    fields: dict[str, str | None] = {"year": None, "kind": None, "scope": None}
    used: list[int] = []
    if found := _title(head):
        m, used = found
        unit = _title_unit(m)
        fields = {key: m[key] for key in fields}
        if unit is None and (label := _cover_label(head, max(used))):
            unit = label[0]["unit"]
            fields["scope"] = fields["scope"] or _label_scope(label[0]["label"])
            used.extend(label[1])
    if unit is None and (hit := _find(rows, _PART_ONE) or _find(rows, _COMPILER)):
        unit = hit[0]["unit"]
        fields["year"] = fields["year"] or hit[0].groupdict().get("year")
        used.extend(hit[1])
    if (fields["kind"] is None or fields["scope"] is None) and (hit := _find(rows, _PART_KIND, _unit_or_none)):
        if fields["kind"] is None:  # the heading is where the kind was read
            used.extend(hit[1])
        fields = {key: fields[key] or hit[0][key] for key in fields}
    year, kind = fields["year"], fields["kind"]
    if unit is None or year is None or kind is None:
        raise _refuse(layout, head, {"unit": unit, "fiscal year": year, "预算/决算": kind})
    if re.search(rf"[{_PLACEHOLDER}]", unit):
        raise DocumentError(layout.path, f"a blank template, not a disclosure: no unit (its cover names {unit})")
    scope = fields["scope"] or "部门"
    return HeaderFacts(
        unit_name=unit,
        kind=_KINDS[kind],
        fiscal_year=int(year),
        scope=_SCOPES[scope],
        title=f"{unit}{year}年{scope}{kind}公开",
        source=source(layout, min(used), max(used)),
    )
