"""Where the tests find their documents, in one place: the seed texts and the real PDFs of
../shared/corpus (never copied into the repository) and the generated sample corpus."""

from __future__ import annotations

from pathlib import Path

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
