"""Generate the synthetic sample corpus: fictional units' budget and final-accounts disclosures.

Deterministic (seeded ``random.Random``), stdlib only, no network. Each document comes with its
ground truth, the facts a correct extractor must read from the text.

Usage example::

    python -m samples.generate --out samples/corpus --count 12 --seed 7
    python -m samples.generate --out /tmp/corpus-10k --count 10000 --scale   # benchmarks

    >>> docs = generate_corpus(4, seed=7)
    >>> docs[0].filename, docs[0].truth["kind"]
    ('korla-shebao_2023_final.txt', 'FINAL_ACCOUNTS')
"""

from __future__ import annotations

import argparse
import json
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from samples.book import as_book
from samples.plan import BUDGET, FINAL, plan_document
from samples.render import BRACKETS, LAYOUTS, Style, render
from samples.templates import document_blocks
from samples.truth import truth
from samples.world import Unit, all_units

DEFAULT_COUNT = 12
DEFAULT_SEED = 7
DOCS_PER_UNIT = 3

# (fiscal year, kind) in the order units receive documents: the first three make each unit's
# 2023 final accounts and 2024/2025 budgets; larger corpora reach further back.
_SLOTS = (
    (2023, FINAL),
    (2024, BUDGET),
    (2025, BUDGET),
    (2024, FINAL),
    (2023, BUDGET),
    (2022, FINAL),
    (2022, BUDGET),
    (2021, FINAL),
    (2021, BUDGET),
    (2020, FINAL),
    (2020, BUDGET),
)
# Scale mode: then every other year from 2015 (final accounts up to 2025, budgets up to 2026).
_SCALE_SLOTS = (
    *_SLOTS,
    (2026, BUDGET),
    (2025, FINAL),
    *((year, kind) for year in range(2019, 2014, -1) for kind in (FINAL, BUDGET)),
)


@dataclass(frozen=True)
class GeneratedDocument:
    """One generated disclosure: its file name, its text and the facts it states."""

    filename: str
    text: str
    truth: dict[str, Any]

    @property
    def facts_filename(self) -> str:
        return self.filename.removesuffix(".txt") + ".facts.json"


def corpus_plan(count: int, seed: int, *, scale: bool = False) -> list[tuple[Unit, int, str]]:
    """Which (unit, year, kind) documents a corpus of ``count`` holds: about three per unit.

    ``scale`` draws from the larger world (every prefecture and county, several units a place,
    years 2015-2026): more than 14,000 documents, the first ones those of the default world."""
    if count < 1:
        raise ValueError("count must be at least 1")
    units = all_units(random.Random(f"{seed}/units"), scale=scale)
    slots = _SCALE_SLOTS if scale else _SLOTS
    n_units = min(len(units), math.ceil(count / DOCS_PER_UNIT))
    if count > n_units * len(slots):
        raise ValueError(f"count {count} exceeds what the sample world holds ({n_units * len(slots)})")
    # at scale, unit j starts j slots further on, so that any prefix of the corpus spans every year
    shift = 1 if scale else 0
    chosen = units[:n_units]
    plan = [(unit, *slots[(r + shift * j) % len(slots)]) for r in range(len(slots)) for j, unit in enumerate(chosen)]
    return plan[:count]


def generate_corpus(count: int, seed: int, *, scale: bool = False, step: int = 1,
                    start: int = 0) -> list[GeneratedDocument]:
    """``count`` documents and their ground truth; the same arguments give the same corpus.
    ``step`` > 1 renders only every step-th of them: a spread sample of a big corpus; ``start``
    renders only those from that one on (the tail of a big corpus, as the whole one has it)."""
    docs = []
    plan = corpus_plan(count, seed, scale=scale)
    n_units = len({unit.key for unit, _, _ in plan})
    for i, (unit, year, kind) in list(enumerate(plan))[start::step]:
        rng = random.Random(f"{seed}/style/{unit.key}/{year}/{kind}")
        layout = LAYOUTS[(i + i // n_units) % len(LAYOUTS)]
        style = Style.draw(rng, layout, BRACKETS[(i + seed) % len(BRACKETS)])
        docs.append(generate_document(unit, year, kind, seed, style))
    return docs


def generate_document(unit: Unit, year: int, kind: str, seed: int, style: Style) -> GeneratedDocument:
    """One document of the corpus seeded ``seed``, printed in ``style``."""
    doc_plan = plan_document(unit, year, kind, seed)
    if style.book_scope:
        doc_plan = as_book(doc_plan, seed)
    filename = f"{unit.key}_{year}_{'budget' if kind == BUDGET else 'final'}.txt"
    text = render(document_blocks(doc_plan, style), style)
    return GeneratedDocument(filename, text, truth(doc_plan, style, filename))


def write_corpus(docs: Sequence[GeneratedDocument], out: Path) -> None:
    """Write texts and ``.facts.json`` truth files, replacing any earlier generated corpus in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    for old in [*out.glob("*.txt"), *out.glob("*.facts.json")]:
        old.unlink()
    for doc in docs:
        (out / doc.filename).write_text(doc.text, encoding="utf-8")
        (out / doc.facts_filename).write_text(facts_json(doc), encoding="utf-8")


def facts_json(doc: GeneratedDocument) -> str:
    return json.dumps(doc.truth, ensure_ascii=False, indent=2) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m samples.generate", description="Generate the sample corpus."
    )
    parser.add_argument("--out", type=Path, default=Path("samples/corpus"), help="output directory")
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT, help="number of documents")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    parser.add_argument("--scale", action="store_true",
                        help="the larger world (up to 14,000 documents of distinct units, 2015-2026)")
    args = parser.parse_args(argv)
    docs = generate_corpus(args.count, args.seed, scale=args.scale)
    write_corpus(docs, args.out)
    units = len({d.truth["unit_canonical"] for d in docs})
    print(f"wrote {len(docs)} documents of {units} units to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
