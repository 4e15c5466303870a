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
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1
from pdfplumber.utils.exceptions import PdfminerException

from loaders.cells import LineSink
from loaders.errors import DocumentError
from loaders.guards import damaged, library_errors
from loaders.layout import Layout
from loaders.limits import Deadline, ReaderLimits
from loaders.pdf_layout import assemble
from loaders.pdf_page import PageContent, read_page

_EOF_WINDOW = 64 * 1024  # %%EOF must appear this close to the end of a complete file
_UNMAPPED_SHARE = 0.5  # more unmapped glyphs than this and the text layer is unusable


def read_pdf(path: str | Path, limits: ReaderLimits | None = None) -> Layout:
    """Read a PDF; raise :class:`DocumentError` for anything that is not a readable text PDF."""
    name = str(path)
    limits = limits or ReaderLimits.from_env()
    data = limits.read(name)
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise DocumentError(name, "truncated PDF: no %%EOF end marker (an incomplete download or copy?)")
    with limits.deadline(name) as deadline, library_errors(name, "PDF"), _pdfminer_errors(name):
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
            _check_content_size(name, page, number, limits)
            pages.append(read_page(page, number))
            page.close()
    return pages


def _check_content_size(name: str, page: Any, number: int, limits: ReaderLimits) -> None:
    """Refuse a page whose drawing instructions inflate past the file size limit (a zip bomb in PDF
    clothing); measured with a bounded inflate before pdfminer would inflate it all into memory."""
    total = 0
    for ref in page.page_obj.contents:
        stream = resolve1(ref)
        if isinstance(stream, PDFStream):
            total += _inflated_size(stream, limits.max_bytes - total + 1)
        if total > limits.max_bytes:
            raise DocumentError(
                name, f"PDF bomb: page {number}'s content inflates past {limits.max_bytes // 2**20} MB "
                "(KG_MAX_FILE_MB)"
            )


def _inflated_size(stream: PDFStream, cap: int) -> int:
    if stream.data is not None or stream.rawdata is None:
        return len(stream.data or b"")
    filters = stream.get_filters()
    if not filters or filters[0][0] not in LITERALS_FLATE_DECODE:
        return len(stream.rawdata)
    raw = stream.rawdata
    if stream.decipher is not None and stream.objid is not None and stream.genno is not None:
        raw = stream.decipher(stream.objid, stream.genno, raw, stream.attrs)
    try:
        return len(zlib.decompressobj().decompress(raw, cap))
    except zlib.error:
        return len(raw)  # pdfminer salvages what it can of a damaged stream; no bomb there


def _check_text_layer(name: str, pages: list[PageContent]) -> None:
    chars = sum(page.chars for page in pages)
    if chars == 0:
        if any(page.images for page in pages):
            raise DocumentError(name, "no text layer: scanned PDF, OCR is not enabled")
        raise DocumentError(name, "no text: the PDF's pages are blank")
    if sum(page.unmapped for page in pages) > _UNMAPPED_SHARE * chars:
        raise DocumentError(
            name, "unreadable text layer: the fonts have no Unicode map ((cid:N) glyphs), OCR is not enabled"
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
