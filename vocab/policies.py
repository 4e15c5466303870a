"""Policy identity when a policy is known by its title, and who issued it.

A law or document is cited many ways: 《社会保险法》, 《中华人民共和国社会保险法》, 中华人民共和国社会保险法,
《关于…的通知》 or 关于…. Its identity is the title without what varies: book-title marks and quotes,
whitespace, the 中华人民共和国 before a national law's name and a closing 的通知. The issuer comes from the
发文字号 prefix (reference/issuers.json) or, where the title names it, from the words before 关于
(人力资源社会保障部关于…的意见); otherwise it is unknown, and the reason says why.

>>> title_key("《中华人民共和国社会保险法》") == title_key("社会保险法")
True
>>> policy_issuer(None, "人力资源社会保障部关于进一步健全标准体系的意见")
('人力资源社会保障部', 'named by the title')
"""

from __future__ import annotations

import re
from functools import lru_cache

from vocab.docnumbers import canonical_doc_number, issuer_of
from vocab.numbers import clean_text

_MARKS = re.compile(r"[\s《》〈〉<>“”\"'‘’「」『』]")
_NATION = "中华人民共和国"
_NOTICE = re.compile(r"的?通知$")
_ISSUER = re.compile(r"^(?P<issuer>[^关于]{3,30}?)关于")


def title_key(title: str) -> str:
    """The identity of a policy known only by title (see the module doc)."""
    text = _MARKS.sub("", clean_text(title))
    if text.startswith(_NATION) and len(text) > len(_NATION):
        text = text[len(_NATION):]
    return _NOTICE.sub("", text) if text.startswith("关于") else text


def issuer_of_title(title: str) -> str | None:
    """The agency a title names before 关于, e.g. 人力资源社会保障部 in 人力资源社会保障部关于…的意见."""
    m = _ISSUER.match(_MARKS.sub("", clean_text(title)))
    return m["issuer"] if m else None


@lru_cache(maxsize=4096)  # bounded: the policies a service answers about; each API Policy is told it again
def policy_issuer(doc_number: str | None, title: str | None) -> tuple[str | None, str]:
    """(issuer, how it was told or why it is unknown). Remembered: parsing a number costs more than
    building the rest of its policy (a page of 50 projects' policies: a hundred numbers parsed)."""
    if doc_number:
        issuer = issuer_of(doc_number)
        if issuer:
            return issuer, "from the 发文字号 prefix"
    if title and (issuer := issuer_of_title(title)):
        return issuer, "named by the title"
    if doc_number:
        return None, "the 发文字号 prefix is not in the issuers table, and the title names no issuer"
    return None, "no 发文字号, and the title names no issuer"


@lru_cache(maxsize=4096)  # bounded: texts come from requests; clients ask for the same few policies again
def lookup_doc_number(text: str) -> str | None:
    """A 发文字号 as a person types it: any bracket, spaces, 号 or 第 left out (新政办发[2010]168): parsed once
    per text (a look-up of a policy by number spent more on this than on building the policy)."""
    typed = re.sub(r"\s+", "", clean_text(text))
    typed = re.sub(r"^(.+?)[{「『〈<《]([12]\d{3})[}」』〉>》]", r"\1〔\2〕", typed)
    typed = re.sub(r"([〕\]】）)］〗])第(\d)", r"\1\2", typed)
    if re.search(r"\d$", typed):
        typed += "号"
    return canonical_doc_number(typed)
