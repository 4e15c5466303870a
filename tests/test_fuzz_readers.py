"""Fuzzing the readers: whatever the bytes, a reader returns a layout or raises DocumentError.

Valid PDF, DOCX, XLSX and XLS files of a generated disclosure are mutated by hypothesis (bytes
overwritten, cut, inserted; for the ZIP formats also one XML part mutated and re-zipped, which gets
past the archive's checksums into the XML parsers) and read through the format sniffer and the
reader it picks. Any other exception is a bug. The examples are bounded and derandomised, so the
run is quick and the same in CI.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.docx_reader import read_docx
from loaders.errors import DocumentError
from loaders.layout import Layout
from loaders.limits import ReaderLimits
from loaders.pdf_reader import read_pdf
from loaders.sniff import sniff
from loaders.text_reader import read_text
from loaders.xlsx_reader import read_xls, read_xlsx
from samples.generate import generate_corpus
from samples.render_office import render_docx, render_xls, render_xlsx
from samples.render_pdf import render_pdf

_TEXT = generate_corpus(1, seed=9)[0].text
SHORT = _TEXT[: _TEXT.index("第三部分")]  # overview and tables: two pages, merged cells, landscape
LIMITS = ReaderLimits(max_bytes=4 << 20, max_pages=50, max_seconds=10)
READERS: dict[str, Callable[[str | Path, ReaderLimits], Layout]] = {
    "pdf": read_pdf, "docx": read_docx, "xlsx": read_xlsx, "xls": read_xls,
}
VALID = {"pdf": render_pdf(SHORT), "docx": render_docx(SHORT), "xlsx": render_xlsx(SHORT), "xls": render_xls(SHORT)}
FUZZ = settings(max_examples=50, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


def read_any(data: bytes) -> None:
    """Sniff and read like ``read_document`` (without extraction): a layout or DocumentError."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzzed"
        path.write_bytes(data)
        try:
            fmt = sniff(path)
            if fmt in READERS:
                READERS[fmt](path, LIMITS)
            elif fmt == "text":
                read_text(path)
        except DocumentError as exc:
            assert exc.reason and "\n" not in exc.reason


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a few bytes overwritten, a chunk removed or inserted, or its tail cut off."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, max(len(out) - 1, 0)))
        action = draw(st.sampled_from(("overwrite", "delete", "insert", "cut")))
        chunk = draw(st.binary(min_size=1, max_size=16))
        if action == "overwrite":
            out[at : at + len(chunk)] = chunk
        elif action == "delete":
            del out[at : at + len(chunk)]
        elif action == "insert":
            out[at:at] = chunk
        else:
            del out[at:]
    return bytes(out)


@st.composite
def mutated_part(draw: st.DrawFn, data: bytes) -> bytes:
    """A DOCX/XLSX whose one XML part is mutated, re-zipped with valid checksums."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    name = draw(st.sampled_from(sorted(members)))
    members[name] = draw(mutated(members[name]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return out.getvalue()


@pytest.mark.parametrize("fmt", list(VALID))
def test_the_valid_files_read(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / "valid"
    path.write_bytes(VALID[fmt])
    assert sniff(path) == fmt
    assert any(line.cells for line in READERS[fmt](path, LIMITS).lines)


@pytest.mark.parametrize("fmt", list(VALID))
def test_mutated_bytes_never_raise_anything_but_document_error(fmt: str) -> None:
    @FUZZ
    @given(mutated(VALID[fmt]))
    def check(data: bytes) -> None:
        read_any(data)

    check()


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_mutated_xml_parts_never_raise_anything_but_document_error(fmt: str) -> None:
    @FUZZ
    @given(mutated_part(VALID[fmt]))
    def check(data: bytes) -> None:
        read_any(data)

    check()
