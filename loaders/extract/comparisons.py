"""The comparisons the 情况说明 attaches to an amount, read from one statement of compacted text.

With the previous year: "比上年决算增加 1.28 万元，增长 0.58%" / "比上年预算减少 27.98 万元，下降 3.31%" /
"与上年相比，减少 25.49 万元，下降 1.45%" / "比上年执行数减少…" / "持平"; with the year's initial budget
(final accounts): "年初预算数 1,649.93 万元，决算数 1,727.26 万元，预决算差异率 4.69%" or the national
template's "年初预算为 X 万元，支出决算为 Y 万元，完成年初预算的 Z%"; and each one's "主要原因是: …",
which belongs to the comparison it follows (a reason after 年初预算 explains the 决算's difference from
it, one after 比上年 the change).

Signs follow the words (增加/增长 positive, 减少/下降 negative, 持平 zero) and each number is taken
as written, even where the words contradict each other ("减少 47 万元，增长 156%"): judging that is
for the reader, not the extractor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.extract.joined import tidy
from loaders.extract.narrative import WAN
from vocab.numbers import parse_amount

_PCT = r"(?P<p>\d+(?:\.\d+)?)%"
_UP = frozenset({"增加", "增长", "上升"})
CHANGE = re.compile(
    r"(?:比上年|较上年|与上年(?:同期)?(?:相比|比较)?,?)(?P<basis>(?:实际)?执行数?|决算数?|预算数?)?"
    r"(?P<dir>增加|减少|增长|下降|上升|持平)了?"
    rf"(?:{WAN})?(?:,?(?P<dir2>增长|下降|增加|减少|上升)了?)?(?:{_PCT})?"
)
_INITIAL = re.compile(rf"年初预算(?:数)?(?:为|是)?:?{WAN}")
_ACTUAL = re.compile(rf"(?<!年初)(?<!上年)(?:支出)?决算(?:数)?(?:为|是)?:?{WAN}")
_VARIANCE = re.compile(r"(?:预决算)?差异率(?:为|是)?:?(?P<p>-?\d+(?:\.\d+)?)%")
_COMPLETION = re.compile(rf"完成(?:年初)?预算(?:数)?的?{_PCT}")
_PRIOR = re.compile(rf"(?<!比)上年(?:决算|预算|执行)数?(?:为|是)?:?{WAN}")
_REASON = re.compile(r"主要原因(?:是|为|如下)?:?(?P<r>[^。]*)")
# Words that say which comparison a following 主要原因 explains.
_ABOUT_CHANGE = re.compile(r"比上年|较上年|与上年")
_ABOUT_BUDGET = re.compile(r"年初预算|预算数(?:的)?(?:主要)?原因|差异|决算数?(?:大于|小于|等于|高于|低于)")
_BASIS = {"决算": "上年决算", "预算": "上年预算", "执行": "上年执行数"}


@dataclass(frozen=True)
class Comparisons:
    """What one statement compares, each figure as stated (``None`` where it is not)."""

    change_wan: float | None = None
    change_rate: float | None = None
    compared_with: str | None = None
    change_reason: str | None = None
    prior_year_wan: float | None = None
    initial_budget_wan: float | None = None
    actual_wan: float | None = None
    variance_rate: float | None = None
    completion_rate: float | None = None
    variance_reason: str | None = None


def sentence_end(text: str, start: int, stop: int) -> int:
    """Just after the first 。 in ``text[start:stop]``, or ``stop``."""
    end = text.find("。", start, stop)
    return stop if end < 0 else end + 1


def _signed(word: str | None, value: float | None) -> float | None:
    if value is None:
        return None
    return value if word is None or word in _UP else -value


def _basis(word: str | None) -> str:
    return next((name for key, name in _BASIS.items() if word and key in word), "上年")


def _number(m: re.Match[str] | None, group: str) -> float | None:
    text = m.group(group) if m else None
    return parse_amount(text) if text else None


def _reasons(text: str, start: int, stop: int) -> tuple[str | None, str | None]:
    """(reason of the change, reason of the difference from 年初预算): each 主要原因 explains the
    comparison named last before it."""
    found: dict[bool, str] = {}
    cursor = start
    for m in _REASON.finditer(text, start, stop):
        before = text[cursor : m.start()]
        change_at = max((c.end() for c in _ABOUT_CHANGE.finditer(before)), default=-1)
        budget_at = max((c.end() for c in _ABOUT_BUDGET.finditer(before)), default=-1)
        said = tidy(m["r"])
        if said:
            found.setdefault(budget_at > change_at, said)
        cursor = m.end()
    return found.get(False), found.get(True)


def read_comparisons(text: str, start: int = 0, end: int | None = None) -> Comparisons:
    """The first 比上年 change, 年初预算 comparison and prior-year amount in ``text[start:end]``, and
    the reason each states."""
    stop = len(text) if end is None else end
    change = CHANGE.search(text, start, stop)
    word = change["dir"] if change else None
    flat = word == "持平"
    change_reason, variance_reason = _reasons(text, start, stop)
    return Comparisons(
        change_wan=0.0 if flat else _signed(word, _number(change, "n")),
        change_rate=0.0 if flat else _signed(change["dir2"] or word if change else None, _number(change, "p")),
        compared_with=_basis(change["basis"]) if change else None,
        change_reason=change_reason,
        prior_year_wan=_number(_PRIOR.search(text, start, stop), "n"),
        initial_budget_wan=_number(_INITIAL.search(text, start, stop), "n"),
        actual_wan=_number(_ACTUAL.search(text, start, stop), "n"),
        variance_rate=_number(_VARIANCE.search(text, start, stop), "p"),
        completion_rate=_number(_COMPLETION.search(text, start, stop), "p"),
        variance_reason=variance_reason,
    )
