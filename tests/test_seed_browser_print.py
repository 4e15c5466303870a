"""The five seeds printed by a browser give the facts of their text.

Real disclosures come from Word, WPS, report servers and browsers, each with its own fonts; a
browser printing with Debian's Noto CJK writes radicals for common characters (部⻔ for 部门, ⼀ for
一, ⼾ for 户) and a horizontal bar for the em dash. Each seed is written as an HTML page with ruled
tables (:mod:`samples.render_html`) and printed to PDF by headless Chromium at test time
(:mod:`tests.seed_prints`). Precision and recall per seed and family are printed (``pytest -s``).
"""

from __future__ import annotations

import pdfplumber
import pytest

from samples.render_html import CHROMIUM, print_pdf, render_html
from tests.fact_families import Differences, differences, families
from tests.seed_prints import SEEDS, Prints, cjk_font, explained

pytestmark = pytest.mark.skipif(CHROMIUM is None or not cjk_font(),
                                reason="needs chromium and fonts-noto-cjk (make browser)")

_MARKS = "(5) (5) (5) (5) (5) (7) (7) (7) (7) (7) (7) (7) (7) (7) (7"
_ARABIC = "رابرد社会保险政务服务事项公开率"
# What a browser print cannot give as the text does. Seed 000's converter ran an Arabic word into an
# indicator's name: the PDF holds it in display order, right to left, and pdfminer reads it so. The
# same converter printed one 指标值 as a cell of footnote marks; the browser wraps that cell at one
# of its spaces, and a wrap inside a cell reads as no space (as it must for CJK text and numbers).
INHERENT: dict[int, Differences] = {
    0: {"indicators": {
        ("社会保险标准化工作经费", 2, "name"): (_ARABIC, "دربار社会保险政务服务事项公开率"),
        **{("机构运行补助经费", 7, field): (_MARKS, _MARKS.replace("(7) (7) (7)", "(7) (7)(7)", 1))
           for field in ("target", "target_measure.text")},
    }},
}


@pytest.fixture(scope="session")
def prints(tmp_path_factory: pytest.TempPathFactory) -> Prints:
    return Prints(tmp_path_factory.mktemp("browser-prints"), "chromium",
                  lambda documents: [print_pdf(render_html(blocks)) for blocks in documents])


@pytest.mark.parametrize("number", SEEDS)
def test_a_browser_print_gives_the_facts_of_the_text(prints: Prints, number: int) -> None:
    want, got = families(prints.text[number]), families(prints.printed[number])
    assert differences(want, got) == INHERENT.get(number, {})


def test_the_prints_hold_what_makes_them_hard(prints: Prints) -> None:
    """Radicals in the PDF's text layer (what pdfplumber gives) for every seed, and ruled tables."""
    for path in prints.files.values():
        with pdfplumber.open(path) as pdf:
            text = "".join(c["text"] for page in pdf.pages[:4] for c in page.chars)
            tables = sum(len(page.find_tables()) for page in pdf.pages[:6])
        assert any(0x2E80 <= ord(c) <= 0x2FDF for c in text), path.name
        assert tables > 0 or "001" in path.name or "004" in path.name  # seeds printed as words: no table


def test_precision_and_recall_per_family(prints: Prints) -> None:
    """The report; a family short of 1.0 is one that INHERENT explains."""
    table, short = prints.report()
    print(table)
    assert short == explained(INHERENT)
