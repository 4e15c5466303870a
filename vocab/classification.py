"""The two national code lists every disclosure table is keyed by, as reference data.

* 支出功能分类 (functional classification: what the money is for): 类 (3 digits) > 款 (5) > 项 (7),
  e.g. 208 社会保障和就业支出 > 20801 人力资源和社会保障管理事务 > 2080109 社会保险经办机构.
* 部门预算支出经济分类 (economic classification: what the money buys): 类 (3 digits) > 款 (5),
  e.g. 301 工资福利支出 > 30101 基本工资.

The hierarchy is the code's own (a code's parent is its code without the last two digits), and
the names are the published ones, kept as data in ``vocab/reference/function_classes.json`` and
``economic_classes.json`` (their ``_about`` says the source, the version and how to extend them).
This module is the one place that knows both: levels, parents and ancestors from code length,
names from the tables. A code the table lacks still has a level and ancestors; it has no name.

Usage example::

    from vocab.classification import function_classes, economic_classes
    fc = function_classes()
    fc.name("20801")          # '人力资源和社会保障管理事务'
    fc.ancestors("2080109")   # ('208', '20801'), 类 first
    fc.level("20801")         # FunctionLevel.SECTION (款)
    economic_classes().parent("30101")  # '301'
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from importlib import resources
from typing import Any

from vocab.resolve import normalise_name


class FunctionLevel(Enum):
    """Level of a 功能分类 code, by its length."""

    CLASS = "类"
    SECTION = "款"
    ITEM = "项"

    @property
    def digits(self) -> int:
        return _FUNCTION_DIGITS[list(FunctionLevel).index(self)]


class EconomicLevel(Enum):
    """Level of a 经济分类 code, by its length."""

    CLASS = "类"
    ITEM = "款"

    @property
    def digits(self) -> int:
        return _ECONOMIC_DIGITS[list(EconomicLevel).index(self)]


_FUNCTION_DIGITS = (3, 5, 7)
_ECONOMIC_DIGITS = (3, 5)


@dataclass(frozen=True)
class Classification:
    """One code list: names by code, the hierarchy by code length.

    ``digits`` are the code lengths from the top level down; ``leading`` is the first digit every
    code of the list starts with (2 for 功能分类 expenditure, 3 for 经济分类).
    """

    title: str
    version: str
    leading: str
    digits: tuple[int, ...]
    names: Mapping[str, str]
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def is_code(self, code: str) -> bool:
        """Whether ``code`` has the shape of a code of this list (in the table or not)."""
        return code.isdigit() and code.isascii() and len(code) in self.digits and code.startswith(self.leading)

    def depth(self, code: str) -> int | None:
        """0 for the top level (类), 1 for the next, ...; None for what is not a code."""
        return self.digits.index(len(code)) if self.is_code(code) else None

    def name(self, code: str) -> str | None:
        """The published name, or None when the table lacks the code."""
        return self.names.get(code)

    def parent(self, code: str) -> str | None:
        """The code one level up (20801 for 2080109, 301 for 30101); None for a 类 or a non-code."""
        depth = self.depth(code)
        return None if not depth else code[: self.digits[depth - 1]]

    def ancestors(self, code: str) -> tuple[str, ...]:
        """Every code above ``code``, the top level first: ``('208', '20801')`` for 2080109."""
        depth = self.depth(code)
        return () if not depth else tuple(code[:n] for n in self.digits[:depth])

    def top(self, code: str) -> str | None:
        """The 类 a code belongs to (itself for a 类)."""
        return code[: self.digits[0]] if self.is_code(code) else None

    def children(self, code: str) -> tuple[str, ...]:
        """The table's codes one level below ``code``, in code order."""
        depth = self.depth(code)
        if depth is None or depth + 1 >= len(self.digits):
            return ()
        size = self.digits[depth + 1]
        return tuple(sorted(c for c in self.names if len(c) == size and c.startswith(code)))

    def matches(self, code: str, printed: str) -> bool:
        """Whether a printed name is the code's name or a known spelling of it, after NFKC and
        without whitespace (documents print （） as () and break names across lines)."""
        wanted = [self.names.get(code), *self.aliases.get(code, ())]
        return normalise_name(printed) in {normalise_name(n) for n in wanted if n}

    def printed_variant(self, code: str, printed: str | None) -> str | None:
        """``printed`` when it is not the published name (or the table lacks the code), else None:
        what the graph keeps as ``printedName`` beside the standard name."""
        standard = self.names.get(code)
        if printed is None or (standard is not None and normalise_name(printed) == normalise_name(standard)):
            return None
        return printed


def _load(file: str, title: str, leading: str, digits: tuple[int, ...]) -> Classification:
    text = resources.files("vocab").joinpath("reference", file).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    names: dict[str, str] = data["codes"]
    aliases = {code: tuple(spellings) for code, spellings in data.get("aliases", {}).items()}
    return Classification(title, data["version"], leading, digits, names, aliases)


@cache
def function_classes() -> Classification:
    """支出功能分类科目 (``reference/function_classes.json``), read once."""
    return _load("function_classes.json", "支出功能分类科目", "2", _FUNCTION_DIGITS)


@cache
def economic_classes() -> Classification:
    """部门预算支出经济分类科目 (``reference/economic_classes.json``), read once."""
    return _load("economic_classes.json", "部门预算支出经济分类科目", "3", _ECONOMIC_DIGITS)


def function_level(code: str) -> FunctionLevel | None:
    """类, 款 or 项 by the code's length; None for what is not a 功能分类 code."""
    depth = function_classes().depth(code)
    return None if depth is None else list(FunctionLevel)[depth]


def economic_level(code: str) -> EconomicLevel | None:
    """类 or 款 by the code's length; None for what is not a 经济分类 code."""
    depth = economic_classes().depth(code)
    return None if depth is None else list(EconomicLevel)[depth]
