"""Numbers as PDF converters mangle them: ``1, 531. 22``, ``<b>4</b>6``, full-width digits.

One normaliser for every extractor, so a table cell and a narrative sentence read alike.
"""

from __future__ import annotations

import re
import unicodedata

_TAGS = re.compile(r"</?[a-zA-Z][^>]*>")
_AMOUNT = re.compile(r"^-?\d+(?:\.\d+)?$")


def clean_text(text: str) -> str:
    """NFKC (full-width digits and punctuation to ASCII), drop markup tags, keep CJK as is."""
    text = _TAGS.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    return text.replace("\u3000", " ")


def compact_number(text: str) -> str:
    """Remove the spaces converters put inside numbers: ``1, 531. 22`` -> ``1,531.22``."""
    return re.sub(r"(?<=\d)\s*([,.])\s*(?=\d)", r"\1", text)


def parse_amount(text: str | None) -> float | None:
    """Parse one amount cell or phrase; ``None`` for blanks, dashes and anything not a number.

    >>> parse_amount("1, 531. 22")
    1531.22
    >>> parse_amount("<b>4</b>6.5")
    46.5
    >>> parse_amount("—") is None
    True
    """
    if text is None:
        return None
    s = compact_number(clean_text(text)).strip()
    s = s.replace(",", "").replace(" ", "")
    if not _AMOUNT.match(s):
        return None
    return float(s)


def yuan_to_wan(value: float | None) -> float | None:
    """Convert 元 to 万元, rounded to the cent as the documents print it."""
    return None if value is None else round(value / 10000, 6)
