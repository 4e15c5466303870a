"""The five seeds printed by a browser give the facts of their text.

Real disclosures come from Word, WPS, report servers and browsers, each with its own fonts; a
browser printing with Debian's Noto CJK writes radicals for common characters (部⻔ for 部门, ⼀ for
一, ⼾ for 户) and a horizontal bar for the em dash. Each seed is laid out as
:mod:`tests.test_seed_renderings` does it (:mod:`samples.layout_blocks`), written as an HTML page
with ruled tables (:mod:`samples.render_html`) and printed to PDF by headless Chromium at test time;
the file is read back by :func:`loaders.read_document` and its facts compared family by family with
the text's. Precision and recall per seed and family are printed (``pytest -s``).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest

from loaders import read_document
from loaders.facts import DocumentFacts
from loaders.text_reader import read_text
from samples.layout_blocks import layout_blocks
from samples.render_html import CHROMIUM, print_pdf, render_html
from tests.corpus import seed
from tests.fact_families import Differences, differences, families, scores


def _cjk_font() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    return "CJK" in subprocess.run([fc_list, ":lang=zh"], capture_output=True, text=True, check=False).stdout


pytestmark = pytest.mark.skipif(CHROMIUM is None or not _cjk_font(),
                                reason="needs chromium and fonts-noto-cjk (make browser)")

SEEDS = range(5)
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


class Prints:
    """Each seed's facts from its text and from its browser print, read once per session."""

    def __init__(self, folder: Path) -> None:
        self.files = {number: folder / f"{seed(number).stem}-chromium.pdf" for number in SEEDS}
        self.text: dict[int, DocumentFacts] = {}
        self.printed: dict[int, DocumentFacts] = {}
        for number, path in self.files.items():
            path.write_bytes(print_pdf(render_html(layout_blocks(read_text(seed(number))))))
            self.text[number] = read_document(seed(number))
            self.printed[number] = read_document(path)


@pytest.fixture(scope="session")
def prints(tmp_path_factory: pytest.TempPathFactory) -> Prints:
    return Prints(tmp_path_factory.mktemp("browser-prints"))


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
    lines = [f"{'seed':<5}{'family':<28}{'facts':>6}{'found':>7}{'precision':>11}{'recall':>8}"]
    short = set()
    for number in SEEDS:
        for family, s in scores(families(prints.text[number]), families(prints.printed[number])).items():
            lines.append(f"{number:<5}{family:<28}{s.expected:>6}{s.found:>7}{s.precision:>11.3f}{s.recall:>8.3f}")
            if s.precision < 1 or s.recall < 1:
                short.add((number, family))
    print("\n".join(lines))
    assert short == {(number, family) for number, diff in INHERENT.items() for family in diff}
