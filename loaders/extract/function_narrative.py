"""Each 项 of the 一般公共预算(财政拨款)支出 情况说明: its amount and what it is compared with.

The 具体使用情况 (budget) / 决算具体情况 (final accounts) part describes every 项 in one statement
headed by its names, "N.社会保障和就业支出(类)人力资源和社会保障管理事务(款)社会保险经办机构(项):",
followed by its amount (支出决算数为 / 2025年预算数为 / 年初预算为…支出决算为), the comparison with the
previous year and its 主要原因 (see :mod:`.comparisons`). Narrow columns break a statement anywhere, so
it is read from the compacted text (:mod:`.joined`). A statement runs to the next head or heading and
keeps its first sentence and the sentences after it that compare or explain.

The names are resolved to a 7-digit code through the document's own function lines: the one line
whose name is the 项's and whose 类 and 款 (by the code, in the national classification) are not
named otherwise by the sentence. A document without such a line (final accounts often publish
their tables apart) has its 类/款/项 looked up in the national classification
(:mod:`vocab.classification`), where a 项 name is unique within its 款: that needs the 款 named,
and the 类 when named to agree. Anything else, or more than one answer, is ``None``: never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from loaders.extract.comparisons import read_comparisons, sentence_end
from loaders.extract.joined import Joined
from loaders.extract.narrative import WAN, wan
from loaders.facts import FunctionLineFact, FunctionNarrativeFact
from loaders.layout import Layout
from vocab.classification import function_classes
from vocab.resolve import normalise_name

_NAME = r"[\u4e00-\u9fff]{1,40}"  # bounded: a long run of prose must not make the search quadratic
_HEAD = re.compile(rf"(?:(?P<lei>{_NAME})\(类\))?(?:(?P<kuan>{_NAME})\(款\))?(?P<xiang>{_NAME})\(项\)[:。,]?")
# Where a statement ends at the latest: a heading of the next part ("六、关于…", "(四)…", "第三部分").
_HEADING = re.compile(r"[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|第[一二三四五六七八九十]+部分")
_NUMBERING = re.compile(r"(?:\d{1,2}[.、]|\(\d{1,2}\)|[一二三四五六七八九十]{1,3}、)$")
# The 项's amount: 支出决算数为 / 2025年预算数为 / 支出决算为 (never 年初预算 or 上年决算).
_AMOUNT = re.compile(rf"(?<!年初)(?<!上年)(?:\d{{4}}年度?)?(?:支出)?(?:决算|预算)(?:数)?(?:为|是)?:?{WAN}")
# A sentence after the first that still belongs to the statement: it compares or explains.
_KEEPS = re.compile(r"主要原因|比上年|较上年|与上年|年初预算|完成(?:年初)?预算|差异")


@dataclass(frozen=True)
class _Statement:
    head: re.Match[str]
    end: int


def _agrees(code: str, class_name: str | None, section_name: str | None) -> bool:
    """Whether the 类 and 款 the sentence names are those of ``code`` (or not known to differ)."""
    fc = function_classes()
    return all(
        name is None or fc.name(prefix) is None or fc.matches(prefix, name)
        for prefix, name in ((code[:3], class_name), (code[:5], section_name))
    )


def resolve_code(fact: FunctionNarrativeFact, lines: Sequence[FunctionLineFact]) -> str | None:
    """The code of the statement's 项: the document's one line of that name and 类/款, else the
    national classification's one 项 of that name under the 款 (and 类) named; ``None`` otherwise."""
    item = normalise_name(fact.item_name)
    codes = {
        line.code
        for line in lines
        if normalise_name(line.name) == item and _agrees(line.code, fact.class_name, fact.section_name)
    }
    if not codes and fact.section_name is not None:
        fc = function_classes()
        codes = {
            code
            for code in fc.names
            if len(code) == 7
            and fc.matches(code, fact.item_name)
            and fc.matches(code[:5], fact.section_name)
            and (fact.class_name is None or fc.matches(code[:3], fact.class_name))
        }
    return codes.pop() if len(codes) == 1 else None


def _statements(text: str) -> list[_Statement]:
    """Every 项 head with the end of its statement."""
    heads = list(_HEAD.finditer(text))
    found = []
    for i, head in enumerate(heads):
        limit = len(text)
        if i + 1 < len(heads):  # the next head, without its number ("14.", "(3)", "三、")
            limit = heads[i + 1].start()
            number = _NUMBERING.search(text, max(head.end(), limit - 5), limit)
            limit = number.start() if number else limit
        heading = _HEADING.search(text, head.end(), limit)
        limit = heading.start() if heading else limit
        end = sentence_end(text, head.end(), limit)
        while end < limit:
            following = sentence_end(text, end, limit)
            if not _KEEPS.search(text, end, following):
                break
            end = following
        found.append(_Statement(head, end))
    return found


def _narrative(layout: Layout, joined: Joined, statement: _Statement) -> FunctionNarrativeFact | None:
    text, head = joined.text, statement.head
    amount = _AMOUNT.search(text, head.end(), sentence_end(text, head.end(), statement.end))
    if amount is None:  # a 项 named without its money (名词解释, a heading): not a statement of it
        return None
    said = read_comparisons(text, head.end(), statement.end)
    return FunctionNarrativeFact(
        item_name=head["xiang"],
        class_name=head["lei"],
        section_name=head["kuan"],
        amount_wan=wan(amount),
        initial_budget_wan=said.initial_budget_wan,
        completion_rate=said.completion_rate,
        prior_year_wan=said.prior_year_wan,
        prior_year_change_wan=said.change_wan,
        prior_year_change_rate=said.change_rate,
        compared_with=said.compared_with,
        change_reason=said.change_reason,
        variance_reason=said.variance_reason,
        source=joined.source(layout, head.start(), statement.end),
    )


def read_function_narratives(layout: Layout, narrative: Joined | None = None) -> tuple[FunctionNarrativeFact, ...]:
    """Every 项 statement of the document, in its order, codes unresolved."""
    joined = narrative or Joined.of(layout.lines)
    found = (_narrative(layout, joined, statement) for statement in _statements(joined.text))
    return tuple(fact for fact in found if fact is not None)


def attach_narratives(
    lines: Sequence[FunctionLineFact], narratives: Sequence[FunctionNarrativeFact]
) -> tuple[tuple[FunctionLineFact, ...], tuple[FunctionNarrativeFact, ...]]:
    """The function lines with the statement of their 项 (the first, when two resolve to one
    code), and the statements no line holds, each with its code resolved where it can be."""
    by_code: dict[str, FunctionNarrativeFact] = {}
    rest: list[FunctionNarrativeFact] = []
    codes = {line.code for line in lines}
    for fact in narratives:
        resolved = replace(fact, code=resolve_code(fact, lines))
        if resolved.code in codes and resolved.code not in by_code:
            by_code[resolved.code] = resolved
        else:
            rest.append(resolved)
    attached = tuple(replace(line, narrative=by_code.get(line.code)) for line in lines)
    return attached, tuple(rest)


def statement_spans(text: str) -> list[tuple[int, int]]:
    """Where the 项 statements of a compacted text are (which the whole document's figures are not)."""
    return [(s.head.start(), s.end) for s in _statements(text)]
