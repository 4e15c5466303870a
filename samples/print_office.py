"""Print documents as a word processor does: DOCX (:func:`samples.render_office.render_docx_blocks`)
converted to PDF by headless LibreOffice with the system's CJK font (Debian's fonts-noto-cjk).

A word processor is where most real disclosures come from, and its PDFs differ from a browser's:
tables on fixed column widths (a merge's covered columns stay as blank cells), rows allowed to
break across a page (the lines that fit stay, the rest goes on below the repeated header), header
rows repeated at one line's height with their clipped lines still in the text layer.

Usage example::

    blocks = layout_blocks(read_text(seed(0)))
    [pdf] = print_docx([render_docx_blocks(blocks)])
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
_TIMEOUT = 600  # seconds: five seeds convert in about a minute on one core


def print_docx(documents: Sequence[bytes]) -> list[bytes]:
    """Each DOCX printed to PDF by one headless LibreOffice (started once, with a profile of its own
    so that it neither waits for nor disturbs another instance); :class:`RuntimeError` when it is
    missing or prints nothing."""
    if SOFFICE is None:
        raise RuntimeError("LibreOffice is not installed (make office)")
    with tempfile.TemporaryDirectory(prefix="kg-office-") as folder:
        sources = [Path(folder) / f"document-{i}.docx" for i in range(len(documents))]
        for path, data in zip(sources, documents, strict=True):
            path.write_bytes(data)
        command = [SOFFICE, f"-env:UserInstallation={Path(folder, 'profile').as_uri()}", "--headless",
                   "--norestore", "--convert-to", "pdf", "--outdir", folder, *map(str, sources)]
        done = subprocess.run(command, capture_output=True, timeout=_TIMEOUT, check=False)
        pdfs = [path.with_suffix(".pdf") for path in sources]
        if not all(pdf.exists() and pdf.stat().st_size for pdf in pdfs):
            raise RuntimeError(f"LibreOffice printed nothing (exit {done.returncode}): {done.stderr[-400:]!r}")
        return [pdf.read_bytes() for pdf in pdfs]
