"""How classification codes become ``FunctionClass`` and ``EconomicClass`` nodes.

Names. A class node is shared by every document naming its code, so its ``name`` is the
published one from the reference tables (``vocab.classification``) whenever the table has the
code, and otherwise the name the first document loaded printed for it. What each document
printed stays with that document: its row (the ``SPENDS`` / ``SPENDS_ECONOMIC`` relationship,
a 项目支出表 cell) carries ``printedName`` when the printed name is not the published one after
NFKC and whitespace (an older table's 公务招待费 for 30217 公务接待费, a name cut by a line break,
or any name of a code the table lacks). So the API shows one standard name per class, and a
document's rows as it printed them.

Hierarchy. Documents print only the rows they spend on, often only the 项, so every code a
document names brings its 款 and 类 along: they are merged with their reference names and linked
``(child)-[:PART_OF]->(parent)``, the way an ``EconomicClass`` 款 is linked to its 类. A 类 or
款 the table lacks is merged without a name (never guessed) and still linked.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from vocab.classification import economic_classes, function_classes

Params = dict[str, Any]


def function_class_params(printed: Iterable[tuple[str, str | None]]) -> list[Params]:
    """Every 功能分类 code in ``printed`` (code, name as printed) with its 款 and 类, parents first:
    ``{code, name (published or None), printed (this document's, or None), parent}``.

    >>> [(p["code"], p["parent"]) for p in function_class_params([("2080109", "社会保险经办机构")])]
    [('208', None), ('20801', '208'), ('2080109', '20801')]
    """
    table = function_classes()
    first: dict[str, str | None] = {}
    for code, name in printed:
        if not first.get(code):
            first[code] = name or None
    codes = sorted({c for code in first for c in (*table.ancestors(code), code)}, key=lambda c: (len(c), c))
    return [{"code": c, "name": table.name(c), "printed": first.get(c), "parent": table.parent(c)} for c in codes]


def function_printed_name(code: str, printed: str | None) -> str | None:
    """The ``printedName`` a row of ``code`` keeps: its printed name unless it is the published one."""
    return function_classes().printed_variant(code, printed)


def economic_class_params(code: str, printed: str) -> Params:
    """An 经济分类 row's class: ``{code, name, printed, parent, parentName}`` (names published or None)."""
    table = economic_classes()
    parent = table.parent(code)
    return {
        "code": code,
        "name": table.name(code),
        "printed": printed,
        "parent": parent,
        "parentName": table.name(parent) if parent else None,
    }


def economic_printed_name(code: str, printed: str | None) -> str | None:
    """The ``printedName`` an 经济分类 row keeps: its printed name unless it is the published one."""
    return economic_classes().printed_variant(code, printed)
