"""Read a converted disclosure (.txt / .md) into the numbered-line layout.

Text files arrive from many converters, so the reader only decides what is certain: whether the
bytes are text at all, their encoding, the line numbering (1-based, as an editor shows it), page
breaks (form feeds) and tab-separated cells; characters are normalised as every reader's are
(:mod:`loaders.characters`). Everything about the template is the extractor's job.

Usage example::

    layout = read_text("corpus/seeds/000_169539529834f7d7.txt")
    layout.lines[0].text  # '# 昌吉回族自治州社会保险中心 2025 年部门预算公开'
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from loaders.characters import normalise_characters
from loaders.errors import DocumentError
from loaders.layout import Layout, Line

# Leading bytes of the binary formats disclosures are published in, and of images.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP/DOCX/XLSX"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "DOC/XLS"),
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"\x1f\x8b", "GZIP"),
    (b"Rar!", "RAR"),
    (b"7z\xbc\xaf", "7Z"),
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_ENCODINGS = ("utf-8-sig", "gb18030")  # utf-8-sig reads plain UTF-8 too
_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})


def _binary_kind(data: bytes) -> str | None:
    """The binary format ``data`` starts with, ``"binary"`` for other NUL-bearing bytes, else None."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith(_UTF16_BOMS):
        return None
    return "binary" if b"\x00" in data[:8192] else None


def _decode(path: str, data: bytes) -> str:
    """UTF-8 (with or without BOM), then GB18030; UTF-16 only when a byte-order mark says so."""
    encodings = ("utf-16", *_ENCODINGS) if data.startswith(_UTF16_BOMS) else _ENCODINGS
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentError(path, "cannot decode as UTF-8 or GB18030")


def _lines(text: str) -> tuple[Line, ...]:
    """Number lines from 1; a form feed starts a new page (pages stay None without any)."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if raw and raw[-1] == "":
        raw.pop()
    page: int | None = 1 if "\f" in text else None
    lines: list[Line] = []
    for number, row in enumerate(raw, start=1):
        line_page = page
        if page is not None:
            lead = len(row) - len(row.lstrip("\f"))  # a leading form feed: this line opens a page
            line_page = page + lead
            page = line_page + row.count("\f") - lead
        clean = normalise_characters(row.replace("\f", ""))
        cells = tuple(cell.strip() for cell in clean.split("\t")) if "\t" in clean else ()
        lines.append(Line(number=number, text=clean, page=line_page, cells=cells))
    return tuple(lines)


def read_text(path: str | Path) -> Layout:
    """Read a text or markdown file; raise :class:`DocumentError` for anything else."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise DocumentError(name, f"cannot read file: {exc.strerror or exc}") from exc
    if not data.strip():
        raise DocumentError(name, "empty file")
    kind = _binary_kind(data)
    if kind is not None:
        # read_document sends PDF/DOCX/XLSX to their readers; here they are just not text.
        raise DocumentError(name, f"binary file ({kind}): not a text file")
    text = _decode(name, data)
    if not text.strip():
        raise DocumentError(name, "empty file")
    fmt = "markdown" if Path(path).suffix.lower() in _MARKDOWN_SUFFIXES else "text"
    return Layout(path=name, sha256=hashlib.sha256(data).hexdigest(), fmt=fmt, lines=_lines(text))
