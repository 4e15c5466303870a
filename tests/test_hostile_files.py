"""Broken and hostile files: each ends in one line saying why, and the files after it still load.

Encrypted, truncated, empty, scanned (no text layer), fonts without a Unicode map, a PDF bomb (a
page tree claiming a billion pages, a page tree larger than it says, a stream that inflates to far
more than the file), ZIP bombs, damaged archives and legacy formats, files over the size, page and
time limits, and a PDF that is not a disclosure. Nothing is ever half-read: a reader returns a whole layout or raises.
"""

from __future__ import annotations

import io
import logging
import struct
import threading
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from loaders import read_document
from loaders.docx_reader import read_docx
from loaders.errors import DocumentError
from loaders.limits import ReaderLimits
from loaders.pdf_reader import read_pdf
from samples.generate import generate_corpus
from samples.render_office import render_docx, render_xls, render_xlsx
from samples.render_pdf import render_pdf

DOC = generate_corpus(1, seed=5)[0]


def pdf_of(objects: list[bytes]) -> bytes:
    """A well-formed PDF of the given numbered objects (1 is the catalog), with its xref table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(data), extra, data)


def billion_pages() -> bytes:
    """A page tree that claims 10^9 pages; walking it would take forever."""
    return pdf_of([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>",
                   b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"])


def more_pages_than_it_says() -> bytes:
    """A page tree with 3,000 real pages that says it has one."""
    kids = b" ".join(b"%d 0 R" % n for n in range(3, 3003))
    pages = [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * 3000
    return pdf_of([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count 1 >>" % kids, *pages])


def inflating_stream() -> bytes:
    """One page whose content stream inflates 1,000-fold, to 20 MB of drawing instructions."""
    content = zlib.compress(b"0 0 m 1 1 l S\n" * 1_500_000, 9)
    return pdf_of([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                   b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                   stream(content, b"/Filter /FlateDecode ")])


def unmapped_glyphs() -> bytes:
    """Text in a CID font without a Unicode map: pdfminer can only say (cid:65)(cid:66)..."""
    return pdf_of([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        stream(b"BT /F1 12 Tf 72 700 Td <0041004200430044> Tj ET"),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
    ])


def scanned() -> bytes:
    """Pages that are only pictures of text, as a scanner makes them."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    picture = Image.effect_noise((400, 560), 40).convert("RGB")
    for _ in range(2):
        canvas.drawImage(ImageReader(picture), 40, 40, width=515, height=760)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def ole_with(stream_name: str) -> bytes:
    """A minimal OLE2 compound file whose directory names one stream (as .doc and encrypted .docx have)."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<III", header, 0x2C, 1, 1, 0)  # one FAT sector; the directory starts at sector 1
    struct.pack_into("<109I", header, 0x4C, 0, *([0xFFFFFFFF] * 108))
    fat = struct.pack("<128I", 0xFFFFFFFD, 0xFFFFFFFE, *([0xFFFFFFFF] * 126))
    directory = bytearray(512)
    for slot, name in enumerate(("Root Entry", stream_name)):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        directory[slot * 128 : slot * 128 + len(encoded)] = encoded
        struct.pack_into("<H", directory, slot * 128 + 64, len(encoded))
    return bytes(header) + fat + bytes(directory)


def overwritten(data: bytes, at: int) -> bytes:
    """``data`` with 64 bytes at ``at`` overwritten, as a bad sector or a botched upload leaves it."""
    return data[:at] + b"\xff" * 64 + data[at + 64 :]


def docx_with_broken_xml() -> bytes:
    with zipfile.ZipFile(io.BytesIO(render_docx(DOC.text))) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["word/document.xml"] = members["word/document.xml"][:5000]
    return zip_of(members)


HOSTILE: list[tuple[str, Callable[[], bytes], str]] = [
    ("zero.pdf", lambda: b"", "empty file"),
    ("encrypted.pdf", lambda: render_pdf(DOC.text, user_password="secret"), "encrypted PDF: a password is required"),
    ("truncated.pdf", lambda: render_pdf(DOC.text)[:6000], "truncated PDF: no %%EOF end marker"),
    ("scanned.pdf", scanned, "no text layer: scanned PDF, OCR is not enabled"),
    ("unmapped.pdf", unmapped_glyphs, "unreadable text layer: the fonts have no Unicode map"),
    ("billion-pages.pdf", billion_pages, "too many pages: 1000000000 exceeds the limit of 2000 (KG_MAX_PAGES)"),
    ("garbage.pdf", lambda: b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n", "damaged PDF"),
    ("blank.pdf", lambda: pdf_of([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]),
     "no text: the PDF's pages are blank"),
    ("minutes.pdf", lambda: render_pdf("会议纪要\n\n今天讨论了食堂菜单。\n"), ""),
    ("truncated.docx", lambda: render_docx(DOC.text)[:3000], "damaged DOCX/XLSX (ZIP) file"),
    ("broken-xml.docx", docx_with_broken_xml, "damaged DOCX: "),
    ("legacy.doc", lambda: ole_with("WordDocument"), "legacy Word .doc is not supported"),
    ("protected.xlsx", lambda: ole_with("EncryptedPackage"), "encrypted Office document"),
    ("photos.zip", lambda: zip_of({"a.jpg": b"\xff\xd8\xff" + b"0" * 100}), "a ZIP archive that is neither"),
    ("truncated.xls", lambda: render_xls(DOC.text)[:4000], "damaged XLS/DOC (OLE2) file"),
    ("overwritten.xls", lambda: overwritten(render_xls(DOC.text), 512), "damaged XLS: "),
    ("no-sheet.xlsx", lambda: zip_of({"xl/workbook.xml": b"<workbook/>"}), "damaged XLSX: "),
]


def test_each_hostile_file_gets_one_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    for name, build, _ in HOSTILE:
        (tmp_path / name).write_bytes(build())
    (tmp_path / "good.xlsx").write_bytes(render_xlsx(DOC.text))
    (tmp_path / "good.pdf").write_bytes(render_pdf(DOC.text))
    reasons: dict[str, str] = {}
    loaded = []
    for path in sorted(tmp_path.iterdir()):
        try:
            loaded.append(read_document(path).header.unit_name)
        except DocumentError as exc:
            assert exc.path == str(path)
            reasons[path.name] = exc.reason
    assert loaded == [DOC.truth["unit"]] * 2
    for name, _, reason in HOSTILE:
        assert reasons[name].startswith(reason), (name, reasons[name])
        assert "\n" not in reasons[name] and reasons[name].strip()


def test_a_page_tree_larger_than_it_says_stops_at_the_page_limit(tmp_path: Path) -> None:
    path = tmp_path / "pages.pdf"
    path.write_bytes(more_pages_than_it_says())
    with pytest.raises(DocumentError, match=r"too many pages: 101 exceeds the limit of 100 \(KG_MAX_PAGES\)"):
        read_pdf(path, ReaderLimits(max_pages=100))


def test_a_stream_inflating_past_the_size_limit_is_a_pdf_bomb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bomb.pdf"
    path.write_bytes(inflating_stream())
    monkeypatch.setenv("KG_MAX_FILE_MB", "1")
    with pytest.raises(DocumentError, match=r"PDF bomb: a stream at byte \d+ inflates past 1 MB \(KG_MAX_FILE_MB\)"):
        read_document(path)


def test_a_zip_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b" " * 10_000_000}))
    with pytest.raises(DocumentError, match=r"ZIP bomb: the DOCX unpacks to 9 MB, over 8x the file size limit"):
        read_docx(path, ReaderLimits(max_bytes=1 << 20))


def test_a_file_over_the_size_limit_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.pdf"
    path.write_bytes(render_pdf(DOC.text) + b"\n" * (2 << 20))
    monkeypatch.setenv("KG_MAX_FILE_MB", "2")
    with pytest.raises(DocumentError, match=r"file too large: 2\.\d MB exceeds the limit of 2 MB \(KG_MAX_FILE_MB\)"):
        read_document(path)


@pytest.mark.parametrize("in_thread", [False, True], ids=["alarm", "between-pages"])
def test_a_file_over_the_time_limit_stops_with_the_reason(tmp_path: Path, in_thread: bool) -> None:
    """On the main thread an alarm stops the parser wherever it is; elsewhere the clock is read
    between pages. Either way the reason names the limit."""
    path = tmp_path / "slow.pdf"
    path.write_bytes(render_pdf(DOC.text))
    errors: list[BaseException] = []

    def read() -> None:
        try:
            read_pdf(path, ReaderLimits(max_seconds=0.001))
        except BaseException as exc:
            errors.append(exc)

    if in_thread:
        worker = threading.Thread(target=read)
        worker.start()
        worker.join()
    else:
        read()
    assert len(errors) == 1 and isinstance(errors[0], DocumentError)
    assert errors[0].reason.startswith("took longer than 0.001 s")
    assert errors[0].reason.endswith("time limit per file exceeded (KG_MAX_SECONDS)")


def test_limits_come_from_the_environment_and_are_checked() -> None:
    limits = ReaderLimits.from_env({"KG_MAX_FILE_MB": "0.5", "KG_MAX_PAGES": "30", "KG_MAX_SECONDS": "9"})
    assert limits == ReaderLimits(max_bytes=1 << 19, max_pages=30, max_seconds=9.0)
    assert ReaderLimits.from_env({}) == ReaderLimits()
    with pytest.raises(ValueError, match="KG_MAX_PAGES='many' is not a whole number"):
        ReaderLimits.from_env({"KG_MAX_PAGES": "many"})
    with pytest.raises(ValueError, match="KG_MAX_SECONDS='-1' must be greater than zero"):
        ReaderLimits.from_env({"KG_MAX_SECONDS": "-1"})
    with pytest.raises(ValueError, match="max_pages must be a positive integer"):
        ReaderLimits(max_pages=0)


def test_the_alarm_waits_until_the_parser_is_out_of_the_logging_module() -> None:
    """An alarm raised inside logging (pdfminer logs while it parses) would leave logging's lock
    held and hang every later logger in the process: it is tried again once the code leaves it."""
    ran: dict[str, bool] = {}
    inside_logging = compile("import signal\nsignal.raise_signal(signal.SIGALRM)\nran['to its end'] = True\n",
                             logging.__file__, "exec")
    with pytest.raises(DocumentError, match="time limit per file exceeded"), \
            ReaderLimits(max_seconds=60).deadline("slow.pdf"):
        exec(inside_logging, {"ran": ran})
        time.sleep(5)  # the alarm tried again stops the parser here
    assert ran == {"to its end": True}
