"""A synthetic corpus of fictional budget disclosures, generated with its ground truth.

``python -m samples.generate --out samples/corpus --count 12 --seed 7`` writes the committed sample;
tests call :func:`samples.generate.generate_corpus` directly.
"""
