"""Standard tables a document states empty: a stated zero, not a table left unread.

The template prints every table even where a unit has nothing to put in it, and says so in one
of two places: a note under the table (``注：本单位2025年无政府性基金预算财政拨款安排的预算，故本表
为空表。``, ``说明：…没有…收入和支出，故本表无数据。``, ``本部门无此项``), or a sentence of the 情况说明
naming the table (``…没有使用政府性基金预算拨款安排的支出，政府性基金预算支出情况表为空表。``).
Which table it is comes from the title (or the name the sentence gives), by the money it would
show; a table that prints amounts is not empty whatever its note says.

Usage example::

    tables = read_empty_tables(read_text("corpus/seeds/000_169539529834f7d7.txt"))
    [t.table.name for t in tables]  # ['GOVERNMENT_FUND', 'STATE_CAPITAL', 'CARRYOVER']
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from loaders.extract.joined import Joined, source
from loaders.extract.table_regions import Region, find_regions
from loaders.extract.table_text import amount, filled
from loaders.facts import EmptyTable, SourceRef, StatedEmptyTableFact
from loaders.layout import Layout

# A table's money, by the words of its title; the first that matches names it.
_KINDS = (
    (EmptyTable.GOVERNMENT_FUND, "政府性基金"),
    (EmptyTable.STATE_CAPITAL, "国有资本经营"),
    (EmptyTable.THREE_PUBLIC, "三公"),
    (EmptyTable.CARRYOVER, "结转结余"),
    (EmptyTable.PROJECT, "项目支出"),
)
# "<name>表为空表" / "<name>表无数据" in running text (the name of a table, then the statement).
_SENTENCE = re.compile(r"(?P<title>[^,，。:：;；、]{2,40}?(?:情况表|明细表|决算表|预算表|支出表))(?:为空表|无数据)")


def table_of(title: str) -> EmptyTable | None:
    """The kind of table a title (or a sentence's name for it) names; ``None`` for the others."""
    return next((kind for kind, word in _KINDS if word in title), None)


def _printed(region: Region) -> bool:
    return any(amount(t) is not None for line in region.lines for t in filled(line))


def _noted(layout: Layout, regions: Sequence[Region]) -> Iterator[tuple[str, SourceRef]]:
    """Tables whose note says they are empty and that print no amount."""
    for region in regions:
        note = region.empty_note
        if note is not None and not _printed(region):
            yield region.title, source(layout, note.number, note.number)


def _said(layout: Layout, narrative: Joined) -> Iterator[tuple[str, SourceRef]]:
    """Sentences that name a table and state it empty (a wrapped name is whole in ``narrative``)."""
    for m in _SENTENCE.finditer(narrative.text):
        yield m["title"], narrative.source(layout, m.start(), m.end())


def read_empty_tables(
    layout: Layout, narrative: Joined | None = None, regions: Sequence[Region] | None = None
) -> tuple[StatedEmptyTableFact, ...]:
    """One fact a kind of table the document states empty, where it first says so."""
    regions = find_regions(layout) if regions is None else regions
    narrative = Joined.of(layout.lines) if narrative is None else narrative
    found: dict[EmptyTable, StatedEmptyTableFact] = {}
    statements = sorted((*_noted(layout, regions), *_said(layout, narrative)), key=lambda s: s[1].line_start)
    for title, where in statements:
        kind = table_of(title)
        if kind is not None and kind not in found:
            found[kind] = StatedEmptyTableFact(kind, title, 0.0, where)
    return tuple(found.values())
