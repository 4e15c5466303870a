"""Where the tests find their documents, in one place: the seed texts and the real PDFs of
../shared/corpus (never copied into the repository) and the generated sample corpus; a seed's facts,
read once, and its text at a fact's source lines."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from loaders import read_document
from loaders.facts import DocumentFacts

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
REAL = SHARED / "corpus" / "real"
SAMPLES = ROOT / "samples" / "corpus"


def seed(number: int) -> Path:
    """Seed document ``number`` (0-4) of ../shared/corpus/seeds."""
    matches = sorted(SEEDS.glob(f"{number:03d}_*.txt"))
    if not matches:
        raise FileNotFoundError(f"seed {number:03d} not found in {SEEDS}")
    return matches[0]


@cache
def seed_facts(number: int) -> DocumentFacts:
    return read_document(seed(number))


def read_at(number: int, source: dict[str, Any] | None) -> str:
    """The seed's text on the source's lines, without spacing (seed 000 prints ``1, 531. 22``)."""
    assert source is not None and source["lineStart"] <= source["lineEnd"]
    lines = seed(number).read_text(encoding="utf-8").splitlines()[source["lineStart"] - 1 : source["lineEnd"]]
    return re.sub(r"\s", "", "".join(lines))
