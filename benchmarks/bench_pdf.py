"""PDF reading speed: pages per second per core for the whole read + extract path, against bare pdfplumber.

    .venv/bin/python -m benchmarks.bench_pdf [--count 40] [--workers N] [--folder DIR]

Generated disclosures are printed as PDFs (``samples.render_pdf``) into a temporary folder (or the
PDFs of ``--folder`` are read, e.g. real disclosures: ``--folder ../shared/corpus/real``); then
the same pages are timed through ``read_document`` (sniff, read_pdf: lines, ruled tables, merges,
continued tables, paragraphs; then the extractors), and through bare pdfplumber ``extract_text()``
and ``extract_tables()`` on every page (each file by every way in turn, best of ``--repeat``). Prints
pages/s on one core for each and their ratio, and pages/s for ``read_document`` in N worker
processes (total and per core). Figures, not assertions.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pdfplumber

from loaders import DocumentError, read_document
from samples.generate import generate_corpus
from samples.render_pdf import render_pdf


def bare_text(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()


def bare_text_and_tables(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


def ours(path: Path) -> None:
    with contextlib.suppress(DocumentError):  # a refused file of --folder: the time to refuse it counts
        read_document(path)


def timed(files: list[Path], runs: dict[str, Callable[[Path], None]], repeat: int) -> dict[str, float]:
    """Seconds per way of reading, each file read by every way in turn and the best of ``repeat``
    runs kept, so that other load on the machine hits all ways alike."""
    seconds = dict.fromkeys(runs, 0.0)
    for path in files:
        for label, run in runs.items():
            best = float("inf")
            for _ in range(repeat):
                started = time.perf_counter()
                run(path)
                best = min(best, time.perf_counter() - started)
            seconds[label] += best
    return seconds


def printed(folder: Path, count: int) -> list[Path]:
    """``count`` generated disclosures printed as PDFs into ``folder``."""
    files = []
    for doc in generate_corpus(count, seed=3):
        path = folder / doc.filename.replace(".txt", ".pdf")
        path.write_bytes(render_pdf(doc.text))
        files.append(path)
    return files


def disclosures(folder: Path) -> list[Path]:
    """The PDFs of ``folder``; one that is refused (a blank template) is timed up to its refusal."""
    files = sorted(folder.glob("*.pdf"))
    for path in files:
        try:
            read_document(path)
        except DocumentError as exc:
            print(f"  refused, timed up to the refusal: {exc}")
    return files


def timed_parallel(files: list[Path], workers: int) -> float:
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(ours, files[: 2 * workers]))  # start every worker first
        started = time.perf_counter()
        list(pool.map(ours, files, chunksize=1))
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=40, help="generated documents to print and read")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=2, help="best of this many runs per file")
    parser.add_argument("--folder", type=Path, help="read the disclosures (PDFs that load) of this folder instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = disclosures(args.folder) if args.folder else printed(Path(tmp), args.count)
        ours(files[0])  # imports and font maps loaded before timing
        pages = 0
        for path in files:
            with pdfplumber.open(path) as pdf:
                pages += len(pdf.pages)
        what = f"from {args.folder}" if args.folder else "(generated disclosures, ruled tables, CJK)"
        print(f"{len(files)} PDFs, {pages} pages {what}")
        figures = timed(files, {
            "read_document (sniff + read_pdf + extract)": ours,
            "bare pdfplumber extract_text()": bare_text,
            "bare pdfplumber extract_text() + extract_tables()": bare_text_and_tables,
        }, args.repeat)
        for label, seconds in figures.items():
            print(f"  {label:52} {pages / seconds:7.1f} pages/s on 1 core")
        ours_s, text_s, both_s = figures.values()
        print(f"  ratio read_document / bare extract_text():                {text_s / ours_s:5.2f}")
        print(f"  ratio read_document / bare extract_text()+extract_tables(): {both_s / ours_s:5.2f}")
        seconds = timed_parallel(files, args.workers)
        print(f"  read_document in {args.workers} worker processes: {pages / seconds:7.1f} pages/s, "
              f"{pages / seconds / args.workers:7.1f} pages/s per core")


if __name__ == "__main__":
    main()
