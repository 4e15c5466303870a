"""Sections of the 情况说明 and the amounts stated in them, read from the compacted text.

The template repeats every table figure in prose ("一般公共预算 1,513.98 万元，占 98.87%"), and
prose survives every converter: once compacted (see :mod:`loaders.extract.joined`) spaced digits,
full-width punctuation and wrapped lines read alike. A section runs from its heading to the next
one; the table of contents repeats the headings without any amounts, so a section is the first
span between the two headings that states an amount.
"""

from __future__ import annotations

import re

from loaders.extract.joined import Joined
from loaders.facts import SourceRef
from loaders.layout import Layout
from vocab.numbers import parse_amount

NUM = r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
"""An amount as the compacted prose prints it: ``1,531.22``, ``77``, ``0.00``."""
WAN = rf"{NUM}万元"


def section(joined: Joined, start: re.Pattern[str], end: re.Pattern[str]) -> Joined | None:
    """The text from a ``start`` heading to the next ``end`` one (or the end), the first that
    states an amount in 万元; ``None`` when the document has no such section."""
    for m in start.finditer(joined.text):
        stop = end.search(joined.text, m.end())
        part = joined.slice(m.start(), stop.start() if stop else len(joined.text))
        if "万元" in part.text:
            return part
    return None


def wan(m: re.Match[str], group: str = "n") -> float | None:
    """The amount a match captured (``None`` when the group did not take part)."""
    text = m.group(group)
    return parse_amount(text) if text is not None else None


def count(m: re.Match[str], group: str) -> int | None:
    text = m.group(group)
    return int(text) if text is not None else None


def span_source(layout: Layout, joined: Joined, spans: list[tuple[int, int]]) -> SourceRef | None:
    """The lines covering every matched span, or ``None`` when nothing matched."""
    if not spans:
        return None
    return joined.source(layout, min(s for s, _ in spans), max(e for _, e in spans))
