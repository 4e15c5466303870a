"""Guards shared by the binary readers: a parser's failure becomes a reason, a ZIP bomb is refused.

Third-party parsers fail on damaged input with whatever exception their code happens to hit
(``KeyError``, ``struct.error``, ``XMLSyntaxError``...). A reader wraps its calls into a parser in
:func:`library_errors`, so a damaged file ends in one :class:`DocumentError` naming the format and
the failure, while the reader's own code stays outside the net and its bugs stay visible.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager

from loaders.errors import DocumentError
from loaders.limits import ReaderLimits

UNPACK_RATIO = 8
"""A DOCX/XLSX may unpack to this many times the file size limit: XML compresses about tenfold,
so a larger archive is a ZIP bomb, not a disclosure."""


@contextmanager
def library_errors(name: str, what: str) -> Iterator[None]:
    """Report any failure inside a parser as a damaged ``what`` (e.g. ``"DOCX"``)."""
    try:
        yield
    except DocumentError:
        raise
    except (RecursionError, MemoryError) as exc:
        raise DocumentError(name, f"{what} too deeply nested or too large to parse ({type(exc).__name__})") from None
    except Exception as exc:
        raise damaged(name, what, exc) from None


def damaged(name: str, what: str, exc: BaseException) -> DocumentError:
    lines = str(exc).splitlines()
    detail = f": {lines[0][:160]}" if lines else ""
    return DocumentError(name, f"damaged {what}: {type(exc).__name__}{detail}")


def check_archive(name: str, data: bytes, what: str, limits: ReaderLimits) -> None:
    """Refuse a DOCX/XLSX whose ZIP is unreadable, encrypted or a bomb, before a parser unpacks it."""
    with library_errors(name, what), zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
    if any(member.flag_bits & 0x1 for member in members):
        raise DocumentError(name, f"encrypted {what}: a password is required to open it")
    unpacked = sum(member.file_size for member in members)
    cap = UNPACK_RATIO * limits.max_bytes
    if unpacked > cap:
        raise DocumentError(
            name, f"ZIP bomb: the {what} unpacks to {unpacked // 2**20} MB, over {UNPACK_RATIO}x the file "
            f"size limit ({cap // 2**20} MB, KG_MAX_FILE_MB)"
        )
