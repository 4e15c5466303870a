"""The five seeds printed to PDF by another producer, read back beside their text.

Each seed is laid out as :mod:`tests.test_seed_renderings` does it (:mod:`samples.layout_blocks`),
rendered and printed at test time by a producer (a browser, a word processor), and the PDF read by
:func:`loaders.read_document`; its facts are compared family by family with the text's. What a
print cannot keep is listed by each producer's test, value by value.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

from loaders import read_document
from loaders.facts import DocumentFacts
from loaders.text_reader import read_text
from samples.layout_blocks import layout_blocks
from samples.render import Block
from tests.corpus import seed
from tests.fact_families import Differences, families, scores

SEEDS = range(5)

Printer = Callable[[Sequence[Sequence[Block]]], list[bytes]]
"""Documents (as blocks) to PDF bytes, one for each."""


def cjk_font() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    return "CJK" in subprocess.run([fc_list, ":lang=zh"], capture_output=True, text=True, check=False).stdout


class Prints:
    """Each seed's facts from its text and from its print, read once per session."""

    def __init__(self, folder: Path, producer: str, printer: Printer) -> None:
        self.files = {number: folder / f"{seed(number).stem}-{producer}.pdf" for number in SEEDS}
        pdfs = printer([layout_blocks(read_text(seed(number))) for number in SEEDS])
        self.text: dict[int, DocumentFacts] = {}
        self.printed: dict[int, DocumentFacts] = {}
        for (number, path), pdf in zip(self.files.items(), pdfs, strict=True):
            path.write_bytes(pdf)
            self.text[number] = read_document(seed(number))
            self.printed[number] = read_document(path)

    def report(self) -> tuple[str, set[tuple[int, str]]]:
        """Precision and recall per seed and family, and the (seed, family) pairs short of 1.0."""
        lines = [f"{'seed':<5}{'family':<28}{'facts':>6}{'found':>7}{'precision':>11}{'recall':>8}"]
        short = set()
        for number in SEEDS:
            for family, s in scores(families(self.text[number]), families(self.printed[number])).items():
                lines.append(f"{number:<5}{family:<28}{s.expected:>6}{s.found:>7}{s.precision:>11.3f}{s.recall:>8.3f}")
                if s.precision < 1 or s.recall < 1:
                    short.add((number, family))
        return "\n".join(lines), short


def explained(inherent: dict[int, Differences]) -> set[tuple[int, str]]:
    """The (seed, family) pairs that a list of what a print cannot keep explains."""
    return {(number, family) for number, diff in inherent.items() for family in diff}
