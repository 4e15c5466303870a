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

_SP = r"\s*"
_DIGIT = "[0-9０-９]"
_SERIAL = rf"(?P<serial>{_DIGIT}(?:{_SP}{_DIGIT}){{0,4}})"
_BRACKETED = re.compile(
    rf"[〔\[【（(［〖]{_SP}(?P<year>[12１２](?:{_SP}{_DIGIT}){{3}}){_SP}[〕\]】）)］〗]{_SP}{_SERIAL}{_SP}号"
)
_DECREE = re.compile(rf"令{_SP}第{_SP}{_SERIAL}{_SP}号")
_CANONICAL = re.compile(r"^(?P<prefix>.+?)(?:〔(?P<year>\d{4})〕\d+号|令第\d+号)$")

_MAX_SCAN = 12  # CJK characters looked at before the bracket
_MAX_UNKNOWN = 8  # longest prefix accepted when it is not in the reference table

# Region abbreviations that may precede a known agency prefix (昌州人社发 = 昌州 + 人社发).
_REGIONS = ("新", "巴", "巴州", "昌州", "伊州", "博州", "克州", "塔", "阿", "喀", "哈", "吐", "乌")
# Characters agency abbreviations are made of, for prefixes missing from the table: region
# abbreviations, agency words and document-type characters, but no function words, so
# "…生活补贴X发" stops at 贴.
_AGENCY_CHARS = frozenset(
    "新巴昌州伊博克塔阿喀哈吐乌库奎石昆胡图北五中国"
    "政府办发函字令规电通财社人劳部厅局委党机编险建企教卫健民农水林商工信审统税医保住交"
    "体宣组纪监法检公安司环应急资改科就业经贸药扶残妇团总"
)


@cache
def _issuers() -> dict[str, dict[str, str]]:
    text = resources.files("loaders").joinpath("reference", "issuers.json").read_text(encoding="utf-8")
    table: dict[str, dict[str, str]] = json.loads(text)["prefixes"]
    return table


def _digits(text: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text))


def _prefix_length(cand: str, whole: bool) -> int:
    """How many trailing characters of ``cand`` (the CJK run before the number) are the prefix.

    A known prefix wins, together with a region abbreviation right before it; an unknown one
    is the run of agency characters, or all of ``cand`` when the text is nothing but a number.
    """
    known = max((p for p in _issuers() if cand.endswith(p)), key=len, default="")
    if known:
        rest = cand[: -len(known)]
        region = max((r for r in _REGIONS if rest.endswith(r)), key=len, default="")
        return len(known) + len(region)
    if whole:
        return len(cand)
    k = 0
    while k < min(len(cand), _MAX_UNKNOWN) and cand[-k - 1] in _AGENCY_CHARS:
        k += 1
    return k if k >= 2 else 0


def _prefix_before(text: str, pos: int, tail: str) -> tuple[str, int] | None:
    """The issuer prefix ending at ``pos`` (whitespace inside allowed) and where it starts.

    ``tail`` is the part of the prefix the pattern already matched (令 of 国令第N号).
    """
    chars: list[str] = []
    starts: list[int] = []
    i = pos
    while i > 0 and len(chars) < _MAX_SCAN:
        c = text[i - 1]
        if not (c.isspace() or "\u3400" <= c <= "\u9fff"):
            break
        i -= 1
        if not c.isspace():
            chars.append(c)
            starts.append(i)
    chars.reverse()
    starts.reverse()
    k = _prefix_length("".join(chars) + tail, whole=bool(chars) and not text[:i].strip()) - len(tail)
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
