"""Which reader a file needs, decided by its content, not its name.

Disclosures come off government sites with whatever name the CMS gave them (``附件1.pdf`` that is
really a .docx, ``download.do`` that is a PDF), so the leading bytes decide: ``%PDF`` is a PDF, a
ZIP is a DOCX or XLSX by its member names (``[Content_Types].xml`` when the names are unusual), an
OLE2 compound file is a legacy .xls or .doc by its directory. Anything else goes to the text reader,
which accepts text and names every other binary it refuses. A password-protected DOCX or XLSX is an
OLE2 file holding an ``EncryptedPackage`` stream.

Usage example::

    sniff("附件2.dat")  # 'xlsx'
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path
from typing import BinaryIO, Literal

from loaders.errors import DocumentError

Format = Literal[
    "pdf", "docx", "xlsx", "xls", "text", "doc", "zip", "damaged-zip", "ole", "damaged-ole", "encrypted-office"
]

UNSUPPORTED: dict[str, str] = {
    "doc": "legacy Word .doc is not supported: save it as .docx or PDF",
    "zip": "a ZIP archive that is neither a DOCX nor an XLSX: unpack it and load its files",
    "damaged-zip": "damaged DOCX/XLSX (ZIP) file: its directory cannot be read (truncated?)",
    "ole": "an OLE2 compound file that is neither an Excel .xls nor a Word document",
    "damaged-ole": "damaged XLS/DOC (OLE2) file: its directory cannot be read (truncated?)",
    "encrypted-office": "encrypted Office document: a password is required to open it",
}
"""Why a recognised format cannot be loaded, for the formats without a reader."""

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PDF_HEADER_WINDOW = 1024  # readers accept junk before %PDF within the first kilobyte
_OLE_MAX_DIRECTORY_SECTORS = 64
_OLE_END_OF_CHAIN = 0xFFFFFFFE


def sniff(path: str | Path) -> Format:
    """The format of the file at ``path``; raises :class:`DocumentError` when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(_PDF_HEADER_WINDOW)
    except OSError as exc:
        raise DocumentError(str(path), f"cannot read file: {exc.strerror or exc}") from exc
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(path)
    if head.startswith(_OLE_MAGIC):
        return _ole_format(path)
    return "text"


def _zip_format(path: str | Path) -> Format:
    """DOCX and XLSX are ZIPs of XML parts; the main part's name (or content type) says which."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "[Content_Types].xml" in names:
                info = archive.getinfo("[Content_Types].xml")
                types = archive.read(info)[:65536] if info.file_size < 1_000_000 else b""
                if b"wordprocessingml.document.main" in types:
                    return "docx"
                if b"spreadsheetml.sheet.main" in types:
                    return "xlsx"
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError, NotImplementedError):
        return "damaged-zip"
    return "zip"


def _ole_format(path: str | Path) -> Format:
    """A compound file's directory names its streams: ``Workbook``/``Book`` (Excel), ``WordDocument``."""
    try:
        with open(path, "rb") as handle:
            names = _ole_stream_names(handle)
    except (OSError, struct.error):
        return "damaged-ole"
    if not names:
        return "damaged-ole"
    if "EncryptedPackage" in names:  # a password-protected DOCX/XLSX is wrapped in OLE2
        return "encrypted-office"
    if names & {"Workbook", "Book"}:
        return "xls"
    if "WordDocument" in names:
        return "doc"
    return "ole"


def _ole_stream_names(handle: BinaryIO) -> set[str]:
    """Stream names in the directory chain (its first sectors: the main streams come first)."""
    header = handle.read(512)
    sector_size = 1 << struct.unpack_from("<H", header, 0x1E)[0]
    if sector_size not in (512, 4096):
        return set()

    def sector_data(sector: int) -> bytes:
        handle.seek((sector + 1) * sector_size)
        return handle.read(sector_size)

    fat: list[int] = []  # the chain table, from the (up to 109) FAT sectors the header lists
    for fat_sector in struct.unpack_from("<109I", header, 0x4C)[: struct.unpack_from("<I", header, 0x2C)[0]]:
        chunk = sector_data(fat_sector)
        fat.extend(struct.unpack(f"<{len(chunk) // 4}I", chunk[: len(chunk) // 4 * 4]))
    names: set[str] = set()
    sector = struct.unpack_from("<I", header, 0x30)[0]
    for _ in range(_OLE_MAX_DIRECTORY_SECTORS):
        if sector >= _OLE_END_OF_CHAIN or sector >= len(fat):
            break
        chunk = sector_data(sector)
        for entry in range(0, len(chunk) - 127, 128):
            length = struct.unpack_from("<H", chunk, entry + 64)[0]
            if 2 <= length <= 64:
                names.add(chunk[entry : entry + length - 2].decode("utf-16-le", "replace"))
        sector = fat[sector]
    return names
