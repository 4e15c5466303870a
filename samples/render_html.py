"""Print a document's blocks as a browser does: an HTML page with ruled tables, then Chromium's
print-to-PDF with the system's CJK font (Debian's fonts-noto-cjk).

A browser is one of the producers real disclosures come from, and its PDFs differ from reportlab's:
an OpenType CJK font subset into the file, whose ToUnicode map may name a character by another code
point than the source's (a Kangxi radical for 一, a compatibility ideograph), text positioned glyph
by glyph, tables drawn as cell borders. The merges are those of :func:`samples.text_blocks.merged_cells`;
header rows are a ``<thead>``, which the browser repeats on every page a table runs onto.

Usage example::

    blocks = layout_blocks(read_text(seed(0)))
    Path("seed0.pdf").write_bytes(print_pdf(render_html(blocks)))
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from html import escape
from pathlib import Path

from samples.render import Block, Heading, Para, Table
from samples.text_blocks import merged_cells

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
_STYLE = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 10.5pt; line-height: 1.5; }
h1 { font-size: 18pt; text-align: center; } h2 { font-size: 14pt; } h3 { font-size: 12pt; } h4 { font-size: 11pt; }
p { margin: 0 0 4pt; text-indent: 2em; text-align: justify; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; font-size: 8.5pt; }
td, th { border: 0.6pt solid #000; padding: 2pt 3pt; vertical-align: middle; font-weight: normal; }
tr { page-break-inside: avoid; }
"""
_TIMEOUT = 120  # seconds: a long seed prints in a few


def render_html(blocks: Sequence[Block]) -> str:
    """The blocks as one HTML page."""
    body: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            level = min(block.level + 1, 4)
            body.append(f"<h{level}>{escape(block.text)}</h{level}>")
        elif isinstance(block, Para):
            body.append(f"<p>{escape(block.text)}</p>")
        else:
            body.append(_table(block))
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{_STYLE}</style></head>'
            f"<body>{''.join(body)}</body></html>")


def _table(block: Table) -> str:
    width = max(len(row) for row in block.rows)
    rows = [row + ("",) * (width - len(row)) for row in block.rows]
    spans = {(s.row, s.col): s for s in merged_cells(block)}
    covered = {(s.row + i, s.col + j) for s in spans.values() for i in range(s.rows) for j in range(s.cols)}
    out: list[str] = []
    for r, row in enumerate(rows):
        cells = []
        for c, text in enumerate(row):
            if (r, c) in covered and (r, c) not in spans:
                continue
            span = spans.get((r, c))
            attrs = f' rowspan="{span.rows}" colspan="{span.cols}"' if span else ""
            cells.append(f"<td{attrs}>{escape(text)}</td>")
        out.append(f"<tr>{''.join(cells)}</tr>")
    head, rest = out[: block.header_rows], out[block.header_rows :]
    return f"<table><thead>{''.join(head)}</thead><tbody>{''.join(rest)}</tbody></table>"


def print_pdf(html: str) -> bytes:
    """``html`` printed to PDF by headless Chromium; :class:`RuntimeError` when it is missing or fails."""
    if CHROMIUM is None:
        raise RuntimeError("chromium is not installed (make browser)")
    with tempfile.TemporaryDirectory(prefix="kg-print-") as folder:
        page, pdf = Path(folder) / "page.html", Path(folder) / "page.pdf"
        page.write_text(html, encoding="utf-8")
        command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   f"--user-data-dir={folder}/profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                   page.as_uri()]
        done = subprocess.run(command, capture_output=True, timeout=_TIMEOUT, check=False)
        if not pdf.exists() or pdf.stat().st_size == 0:
            raise RuntimeError(f"chromium printed nothing (exit {done.returncode}): {done.stderr[-400:]!r}")
        return pdf.read_bytes()
