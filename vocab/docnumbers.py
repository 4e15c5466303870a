"""Canonical 发文字号: one policy number, however a converter wrote it.

A number is an issuer prefix, a year in brackets and a serial: ``新政办发〔2010〕168号``.
Documents write the brackets as 〔〕 [] 【】 （） () ［］ (even mismatched, ``(2023)``), put
spaces or line breaks anywhere inside, and glue the prefix to the preceding words
(``…生活补贴巴财社[2024]51号``). The graph needs one node per number, so every spelling is
reduced to the canonical form with 〔〕 and no spaces. State-council decrees are numbered
differently (``国令第765号``) and keep that shape.

Where the prefix starts cannot be read from the characters alone; prefixes listed in
``reference/issuers.json`` are recognised first (so the words before them are cut off),
otherwise the run of characters typical of agency abbreviations is taken.

>>> canonical_doc_number("新政办发 [2010] 168 号")
'新政办发〔2010〕168号'
>>> [n for n, _, _ in find_doc_numbers("补贴巴财企\\n[2024]58 号，依据（国令第 765 号）")]
['巴财企〔2024〕58号', '国令第765号']
>>> issuer_of("巴财企(2024)58号")
'巴音郭楞蒙古自治州财政局'
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources
from typing import Any

_SP = r"\s*"
_DIGIT = "[0-9０-９]"
_SERIAL = rf"(?P<serial>{_DIGIT}(?:{_SP}{_DIGIT}){{0,4}})"
_BRACKETED = re.compile(
    rf"[〔\[【（(［〖]{_SP}(?P<year>[12１２](?:{_SP}{_DIGIT}){{3}}){_SP}[〕\]】）)］〗]{_SP}{_SERIAL}{_SP}号"
)
_DECREE = re.compile(rf"令{_SP}第{_SP}{_SERIAL}{_SP}号")
_CANONICAL = re.compile(r"^(?P<prefix>.+?)(?:〔(?P<year>\d{4})〕\d+号|令第\d+号)$")

_MAX_SCAN = 12  # CJK characters looked at before the bracket
_MAX_UNKNOWN = 8  # longest run of agency characters taken as an unknown prefix
_MAX_DELIMITED = 7  # an unknown run this short, alone between punctuation and bracket, is whole
# Words that introduce a citation rather than belong to its prefix: "（根据阿地医保发〔…".
_LEADING_WORDS = re.compile(r"^(?:根据|依据|按照|参照|依照|遵照|执行|落实|贯彻|转发|印发|详见|参见|见|和|及|与|或|并)+")
_JOINING = re.compile(r"(?:根据|依据|按照|参照|和|及|与|以及)")
# Characters agency abbreviations are made of, for prefixes missing from the table: region
# abbreviations, agency words and document-type characters, but no function words, so
# "…生活补贴X发" stops at 贴.
_AGENCY_CHARS = frozenset(
    "新巴昌州伊博克塔阿喀哈吐乌库奎石昆胡图北五中国地"
    "政府办发函字令规电通财社人劳部厅局委党机编险建企教卫健民农水林商工信审统税医保住交"
    "体宣组纪监法检公安司环应急资改科就业经贸药扶残妇团总"
)


@cache
def _reference() -> dict[str, Any]:
    text = resources.files("vocab").joinpath("reference", "issuers.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _issuers() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = _reference()["prefixes"]
    return table


def _digits(text: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text))


def _prefix_length(cand: str, delimited: bool) -> int:
    """How many trailing characters of ``cand`` (the CJK run before the number) are the prefix.

    A known prefix wins, with a region abbreviation right before it (阿地 + 财社). An unknown
    one is the whole run when punctuation delimits it and it is short (（阿地医保发〔…), else
    the trailing run of characters agency abbreviations are made of.
    """
    known = max((p for p in _issuers() if cand.endswith(p)), key=len, default="")
    if known:
        rest = cand[: -len(known)]
        region = max((r for r in _reference()["regions"] if rest.endswith(r)), key=len, default="")
        return len(known) + len(region)
    whole = _LEADING_WORDS.sub("", cand)
    if delimited and 2 <= len(whole) <= _MAX_DELIMITED:
        return len(whole)
    # "…的批复和普发改投〔…": the prefix starts after the last word that joins two citations.
    joined = [m.end() for m in _JOINING.finditer(cand)]
    if joined and 2 <= len(cand) - joined[-1] <= _MAX_DELIMITED:
        return len(cand) - joined[-1]
    k = 0
    while k < min(len(cand), _MAX_UNKNOWN) and cand[-k - 1] in _AGENCY_CHARS:
        k += 1
    return k if k >= 2 else 0


def _is_cjk(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff"


def _prefix_before(text: str, pos: int, tail: str) -> tuple[str, int] | None:
    """The issuer prefix ending at ``pos`` (whitespace inside allowed) and where it starts.

    ``tail`` is the part of the prefix the pattern already matched (令 of 国令第N号).
    """
    chars: list[str] = []
    starts: list[int] = []
    i = pos
    while i > 0 and len(chars) < _MAX_SCAN and (text[i - 1].isspace() or _is_cjk(text[i - 1])):
        i -= 1
        if not text[i].isspace():
            chars.append(text[i])
            starts.append(i)
    chars.reverse()
    starts.reverse()
    delimited = i == 0 or not _is_cjk(text[i - 1])
    k = _prefix_length("".join(chars) + tail, delimited) - len(tail)
    if k <= 0:
        return None
    return "".join(chars[-k:]), starts[-k]


def find_doc_numbers(text: str) -> list[tuple[str, int, int]]:
    """Every 发文字号 in ``text`` as ``(canonical, start, end)`` offsets into ``text``, in order."""
    found: list[tuple[str, int, int]] = []
    for m in _BRACKETED.finditer(text):
        hit = _prefix_before(text, m.start(), "")
        if hit:
            found.append((f"{hit[0]}〔{_digits(m['year'])}〕{int(_digits(m['serial']))}号", hit[1], m.end()))
    for m in _DECREE.finditer(text):
        hit = _prefix_before(text, m.start(), "令")
        if hit:
            found.append((f"{hit[0]}令第{int(_digits(m['serial']))}号", hit[1], m.end()))
    return sorted(found, key=lambda f: f[1])


def canonical_doc_number(text: str) -> str | None:
    """The canonical form of a number typed or written in any style; ``None`` if there is none.

    >>> canonical_doc_number("人社部发 （2023） 62号")
    '人社部发〔2023〕62号'
    """
    found = find_doc_numbers(text)
    return found[0][0] if found else None


def _parts(number: str) -> tuple[str, int | None] | None:
    canonical = canonical_doc_number(number)
    m = _CANONICAL.match(canonical or "")
    if m is None:
        return None
    year = m["year"]
    return (m["prefix"] + ("" if year else "令"), int(year) if year else None)


def issuer_of(number: str) -> str | None:
    """The issuing agency named by the number's prefix, when the reference table knows it."""
    parts = _parts(number)
    entry = _issuers().get(parts[0]) if parts else None
    return entry["issuer"] if entry else None


def year_of(number: str) -> int | None:
    """The year in the number's brackets (decrees have none)."""
    parts = _parts(number)
    return parts[1] if parts else None
