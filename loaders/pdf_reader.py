"""Read a PDF disclosure into the numbered-line layout, through pdfplumber.

Each page becomes lines and ruled tables in reading order (:mod:`loaders.pdf_page`), then pages
are joined into one document (:mod:`loaders.pdf_layout`): table rows are lines whose ``cells`` are
the cell texts and whose ``text`` joins them with tabs, as in a tab-rendered text table.

A hostile or broken file ends in one :class:`DocumentError` whose reason says what is wrong
(encrypted, truncated, scanned without a text layer, a PDF bomb, over a limit) and nothing else
escapes: pdfminer's own failures on damaged input are reported as a damaged PDF
(:func:`loaders.guards.library_errors`). Limits come from :class:`~loaders.limits.ReaderLimits`.

Usage example::

    layout = read_pdf("2025年部门预算公开.pdf")
    [line.cells for line in layout.lines if line.cells][:2]  # the first table rows
"""

from __future__ import annotations

import io
import logging
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import resolve1
from pdfplumber.utils.exceptions import PdfminerException

from loaders.cells import LineSink
from loaders.errors import DocumentError
from loaders.guards import damaged, library_errors
from loaders.layout import Layout
from loaders.limits import Deadline, ReaderLimits
from loaders.pdf_layout import assemble
from loaders.pdf_page import PageContent, read_page
from loaders.pdf_settings import PDF

_STREAM = re.compile(rb"(?<!end)stream\r?\n")


@contextmanager
def _quiet_pdfminer() -> Iterator[None]:
    """pdfminer logs every repair it makes on a damaged file as a warning without naming the file; in
    a batch of thousands that is noise. While a file is read, only its errors are logged (a file it
    cannot read still ends in one DocumentError); the level is restored after, so importing the
    reader changes nothing."""
    log = logging.getLogger("pdfminer")
    level = log.level
    log.setLevel(max(level, logging.ERROR))
    try:
        yield
    finally:
        log.setLevel(level)


def read_pdf(path: str | Path, limits: ReaderLimits | None = None) -> Layout:
    """Read a PDF; raise :class:`DocumentError` for anything that is not a readable text PDF."""
    name = str(path)
    limits = limits or ReaderLimits.from_env()
    data = limits.read(name)
    if b"%%EOF" not in data[-PDF.eof_window:]:
        raise DocumentError(name, "truncated PDF: no %%EOF end marker (an incomplete download or copy?)")
    with limits.deadline(name) as deadline:
        _check_streams(name, data, limits, deadline)
        with library_errors(name, "PDF"), _pdfminer_errors(name), _quiet_pdfminer():
            pages = _read_pages(name, data, limits, deadline)
    _check_text_layer(name, pages)
    sink = LineSink()
    assemble(pages, sink)
    return sink.layout(name, data, "pdf")


def _read_pages(name: str, data: bytes, limits: ReaderLimits, deadline: Deadline) -> list[PageContent]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        declared = resolve1(resolve1(pdf.doc.catalog.get("Pages") or {}).get("Count"))
        if isinstance(declared, int):
            limits.check_pages(name, declared)
        pages = []
        for number, page in enumerate(pdf.pages, start=1):
            limits.check_pages(name, number)
            deadline.check(f"page {number}")
            pages.append(read_page(page, number))
            page.close()
    return pages


def _check_streams(name: str, data: bytes, limits: ReaderLimits, deadline: Deadline) -> None:
    """Refuse a PDF with a stream that inflates past the file size limit (a zip bomb in PDF clothing:
    pdfminer inflates content, object and cross-reference streams whole into memory).

    Every ``stream`` of the raw file is inflated with a bounded output; what is not zlib data
    (images, encrypted streams) fails at once and is let through. Measured before pdfminer runs.
    """
    view = memoryview(data)
    for match in _STREAM.finditer(data):
        deadline.check("scanning streams")
        end = data.find(b"endstream", match.end())
        inflater = zlib.decompressobj()
        try:
            size = len(inflater.decompress(view[match.end() : end if end > 0 else len(data)], limits.max_bytes + 1))
        except zlib.error:
            continue
        if size > limits.max_bytes:
            raise DocumentError(
                name, f"PDF bomb: a stream at byte {match.start()} inflates past "
                f"{limits.max_bytes // 2**20} MB (KG_MAX_FILE_MB)"
            )


def _check_text_layer(name: str, pages: list[PageContent]) -> None:
    chars = sum(page.chars for page in pages)
    if chars == 0:
        if any(page.images for page in pages):
            raise DocumentError(name, "no text layer: scanned PDF, OCR is not enabled")
        raise DocumentError(name, "no text: the PDF's pages are blank")
    if sum(page.unmapped for page in pages) > PDF.unmapped_share * chars:
        raise DocumentError(
            name, "unreadable text layer: the fonts have no Unicode map ((cid:N) or private-use glyphs), "
            "OCR is not enabled"
        )


@contextmanager
def _pdfminer_errors(name: str) -> Iterator[None]:
    """pdfplumber wraps pdfminer's errors on opening; unwrap them to tell encryption from damage."""
    try:
        yield
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise DocumentError(name, "encrypted PDF: a password is required to open it") from None
        if isinstance(cause, PDFEncryptionError):
            raise DocumentError(name, f"encrypted PDF with an unsupported encryption: {cause}") from None
        raise damaged(name, "PDF", cause) from None
