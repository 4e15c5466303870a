"""Characters as a reader sees them, whatever code points the producer's fonts gave them.

A PDF maps each glyph back to text through its font's ToUnicode table, and a CJK font draws one
glyph for several code points: 门 (U+95E8) and the radical ⻔ (U+2ED4), 一 (U+4E00) and the Kangxi
radical ⼀ (U+2F00). Browsers, WPS and some report servers write the radical, so a PDF says
"部⻔预算" where its author typed "部门预算". Word documents and spreadsheets pasted from such PDFs
carry the same code points, and zero-width or no-break spaces besides.

This module is the one normalisation the readers apply, once, to every line they emit (the text
reader and :class:`loaders.cells.LineSink`, which the PDF, DOCX and XLSX readers share), before
any extractor sees it:

* a Kangxi radical (U+2F00–U+2FD5), a CJK radical supplement form (U+2E80–U+2EF3) or a CJK
  compatibility ideograph (U+F900–U+FAFF, U+2F800–U+2FA1F) becomes the unified ideograph it
  stands for (Unicode's EquivalentUnifiedIdeograph data and the canonical decompositions), in
  simplified Chinese where a simplified font draws the radical so (⼾ 户, ⾭ 青, ⿈ 黄);
* full-width Latin letters and digits become ASCII (full-width punctuation such as ，：（） is the
  typesetting of Chinese text and stays as written);
* the horizontal bar ― (U+2015), which CJK fonts draw with the em dash's glyph, becomes the em dash
  — (U+2014) that Chinese text writes (``2024年4月—2025年3月``, ``——``);
* a no-break or fixed-width space becomes a space; zero-width spaces and joiners, the soft hyphen
  and a byte-order mark are removed.

Private-use code points (U+E000–U+F8FF) cannot be mapped: what they stand for is only in the font's
drawing. They are kept, and the PDF reader counts them with the unmapped glyphs it refuses a file
for (:func:`is_unmapped`).

Usage example::

    normalise_characters("部⻔预算 ⼀般公共预算")  # '部门预算 一般公共预算'
"""

from __future__ import annotations

import unicodedata

# The CJK Radicals Supplement has no decompositions in Unicode; these are the forms that share a
# glyph with an ideograph in the common CJK fonts (EquivalentUnifiedIdeograph.txt), above all the
# simplified components of Chinese text (⻔ 门, ⻋ 车, ⻓ 长, ⻅ 见, ⻛ 风). ⺼ (MEAT, drawn as 月) is
# left out: a font that shares its glyph with 月 would turn 月 into 肉.
_RADICALS_SUPPLEMENT = {
    "⺁": "厂", "⺄": "乙", "⺅": "亻", "⺆": "冂", "⺉": "刂", "⺊": "卜", "⺌": "小", "⺎": "兀", "⺐": "尢",
    "⺒": "巳", "⺓": "幺", "⺔": "彑", "⺖": "忄", "⺘": "扌", "⺙": "攵", "⺛": "旡", "⺜": "日", "⺝": "月",
    "⺞": "歺", "⺟": "母", "⺠": "民", "⺡": "氵", "⺢": "氺", "⺣": "灬", "⺤": "爫", "⺦": "丬", "⺧": "牛",
    "⺨": "犭", "⺩": "王", "⺪": "疋", "⺫": "罒", "⺬": "示", "⺭": "礻", "⺮": "竹", "⺯": "糸", "⺰": "纟",
    "⺱": "罓", "⺲": "罒", "⺶": "羊", "⺹": "耂", "⺺": "肀", "⺻": "聿", "⺾": "艹", "⻁": "虎",
    "⻂": "衤", "⻃": "覀", "⻄": "西", "⻅": "见", "⻆": "角", "⻈": "讠", "⻉": "贝", "⻋": "车", "⻌": "辶",
    "⻏": "阝", "⻐": "钅", "⻑": "長", "⻒": "镸", "⻓": "长", "⻔": "门", "⻕": "阜", "⻖": "阝", "⻗": "雨",
    "⻘": "青", "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻟": "飠", "⻠": "饣", "⻢": "马",
    "⻣": "骨", "⻤": "鬼", "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻬": "齐",
    "⻮": "齿", "⻰": "龙", "⻱": "龜", "⻳": "龟",
}
# Three Kangxi radicals decompose to a traditional variant while a simplified Chinese font draws
# them as the character simplified text writes: ⼾ as 户 (not 戶), ⾭ as 青 (not 靑), ⿈ as 黄 (not 黃).
_SIMPLIFIED_KANGXI = {"⼾": "户", "⾭": "青", "⿈": "黄"}
_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
_REMOVED = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_PRIVATE_USE = range(0xE000, 0xF900)


def _unified(code: int) -> str | None:
    """The unified ideograph a compatibility code point decomposes to, if it is one."""
    mapped = unicodedata.normalize("NFKC", chr(code))
    return mapped if len(mapped) == 1 and mapped != chr(code) and "CJK" in unicodedata.name(mapped, "") else None


def _table() -> dict[int, str]:
    table: dict[int, str] = {ord(k): v for k, v in _RADICALS_SUPPLEMENT.items()}
    for block in (range(0x2F00, 0x2FD6), range(0xF900, 0xFB00), range(0x2F800, 0x2FA20)):
        table.update({code: mapped for code in block if (mapped := _unified(code))})
    for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)):
        table[code] = chr(code - 0xFEE0)
    table.update({ord(k): v for k, v in _SIMPLIFIED_KANGXI.items()})
    table[0x2015] = "\u2014"
    table.update({ord(c): " " for c in _SPACES})
    table.update({ord(c): "" for c in _REMOVED})
    return table


_TABLE = _table()


def normalise_characters(text: str) -> str:
    """``text`` with every code point that stands for another written as that one (see above)."""
    return text.translate(_TABLE)


def is_unmapped(char: str) -> bool:
    """A private-use code point: a glyph the font gave no meaning to."""
    return len(char) == 1 and ord(char) in _PRIVATE_USE
