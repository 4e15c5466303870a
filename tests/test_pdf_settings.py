"""The PDF reader's tolerances: one validated settings object, and no change to logging on import."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from loaders import pdf_reader
from loaders.pdf_settings import PDF, PdfSettings


def test_settings_are_validated() -> None:
    assert PdfSettings() == PDF and PdfSettings(word_gap=0.5).word_gap == 0.5
    for bad in ({"word_gap": 0}, {"edge_lines": -1}, {"page_margin": 0.6}, {"unmapped_share": 1.5}):
        with pytest.raises(ValueError, match=next(iter(bad))):
            PdfSettings(**bad)  # type: ignore[arg-type]


def test_importing_the_reader_leaves_pdfminers_logging_alone() -> None:
    code = "import logging, loaders, loaders.pdf_reader; print(logging.getLogger('pdfminer').level)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == str(logging.NOTSET)
    log = logging.getLogger("pdfminer")
    before = log.level
    with pdf_reader._quiet_pdfminer():
        assert log.level == logging.ERROR  # quiet only while a file is read
    assert log.level == before
