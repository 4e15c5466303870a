"""Policy documents a disclosure cites: 发文字号 with their 《title》, and titles on their own.

A title sits right before its number (``《…的通知》（新政办发〔2010〕168号）``, ``《…》人社部〔2018〕43号``),
right after it (``中办发[2003]16号《…的意见》``, ``89号文《…的批复》``) or, without guillemets, after
a dash or 文 (``昌州财建【2024】156号-关于…的通知``, ``168号文关于同意《…规划》的批复``).
Titles nest (``《关于印发《…方案》的通知》``), so brackets
are matched, not searched. Each policy becomes one citation per document, keyed by its canonical
number (or its title); the strongest role any project gave it wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from loaders.extract.joined import Joined, canonical_name
from loaders.facts import CitationRole, PolicyRef, ProjectFact
from loaders.layout import Layout
from vocab.docnumbers import find_doc_numbers

_OPENERS = "([【〔"  # between a title and the number it labels, after NFKC
_CLOSERS = ")]】〕"
_DASHES = "-—–"
_MAX_TITLE = 160
_DASH_TITLE_END = re.compile(r"[。;]|(?:通知|意见|办法|方案|规定|决定|批复|规划|条例|细则)")
_ORPHAN_CLOSE = re.compile("》")
_SEPARATORS = ":;。,、《》"
_RANK = {CitationRole.BASIS: 0, CitationRole.ALLOCATION: 1, CitationRole.MENTION: 2}


def _matching(text: str, at: int, step: int) -> int | None:
    """Index of the guillemet matching the one at ``at``, walking by ``step``; None if unbalanced."""
    opening, closing = ("《", "》") if step > 0 else ("》", "《")
    depth = 0
    i = at
    while 0 <= i < len(text) and abs(i - at) <= _MAX_TITLE:
        depth += (text[i] == opening) - (text[i] == closing)
        if depth == 0:
            return i
        i += step
    return None


def _title_span(text: str, start: int, end: int) -> tuple[int, int, int, int] | None:
    """(title start, title end, span start, span end) of the title labelling ``text[start:end]``."""
    before = start
    while before > 0 and text[before - 1] in _OPENERS:
        before -= 1
    if before > 0 and text[before - 1] == "》" and (open_at := _matching(text, before - 1, -1)) is not None:
        return open_at + 1, before - 1, open_at, before
    after = end
    while after < len(text) and text[after] in _CLOSERS:
        after += 1
    after += text.startswith("文", after)  # "89号文《关于…的批复》"
    if after < len(text) and text[after] == "《" and (close_at := _matching(text, after, 1)) is not None:
        return after + 1, close_at, after, close_at + 1
    start = after + (after < len(text) and text[after] in _DASHES)
    if text.startswith("关于", start) and (stop := _unquoted_title_end(text, start)) is not None:
        return start, stop, start, stop
    return None


def _unquoted_title_end(text: str, start: int) -> int | None:
    """Where a title written without guillemets ends (``关于同意《…规划》的批复``): at the first
    document word outside the titles it quotes; ``None`` when a sentence ends first."""
    i = start
    while i < min(len(text), start + _MAX_TITLE):
        if text[i] == "《" and (close_at := _matching(text, i, 1)) is not None:
            i = close_at + 1
            continue
        m = _DASH_TITLE_END.match(text, i)
        if m:
            return None if m.group() in "。;" else m.end()
        i += 1
    return None


def _titles(text: str) -> list[tuple[int, int]]:
    """Spans of the outermost 《…》 titles (guillemets excluded).

    A 》 whose 《 the converter lost still closes a title, which then starts after the previous
    separator (``依据：…的通知》``).
    """
    spans: list[tuple[int, int]] = []
    i = 0
    while (i := text.find("《", i)) >= 0:
        close = _matching(text, i, 1)
        if close is None:
            i += 1
            continue
        spans.append((i + 1, close))
        i = close + 1
    for m in _ORPHAN_CLOSE.finditer(text):
        end = m.start()
        if not any(s - 1 <= end <= e for s, e in spans):
            start = max(text.rfind(c, 0, end) for c in _SEPARATORS) + 1
            spans.append((start, end))
    return sorted(spans)


def policy_refs(joined: Joined, layout: Layout, role: CitationRole, titles_alone: bool) -> list[PolicyRef]:
    """Every numbered policy in ``joined`` with its title; with ``titles_alone`` also every
    《title》 that labels no number (a basis may cite a law or plan by name only)."""
    text = joined.text
    refs: list[PolicyRef] = []
    labelled: list[tuple[int, int]] = []
    for number, start, end in find_doc_numbers(text):
        span = _title_span(text, start, end)
        title = canonical_name(text[span[0] : span[1]]) if span else None
        if span:
            labelled.append((span[2], span[3]))
        first, last = (min(start, span[2]), max(end, span[3])) if span else (start, end)
        refs.append(PolicyRef(number, title or None, role, joined.source(layout, first, last)))
    if titles_alone:
        for start, end in _titles(text):
            title = canonical_name(text[start:end])
            if title and not any(s < end and start < e for s, e in labelled):
                refs.append(PolicyRef(None, title, role, joined.source(layout, start, end)))
    return refs


def unique(refs: Iterable[PolicyRef]) -> tuple[PolicyRef, ...]:
    """One ref per policy key, in first-seen order, with the strongest role and the first title."""
    best: dict[str, PolicyRef] = {}
    for ref in refs:
        seen = best.get(ref.key)
        if seen is None:
            best[ref.key] = ref
            continue
        role = min(seen.role, ref.role, key=_RANK.__getitem__)
        best[ref.key] = replace(seen, role=role, title=seen.title or ref.title)
    return tuple(best.values())


def document_citations(layout: Layout, projects: Iterable[ProjectFact]) -> tuple[PolicyRef, ...]:
    """Every policy the document cites: the projects' policies (with their roles) and every
    other 发文字号 anywhere as a MENTION."""
    mentions = policy_refs(Joined.of(layout.lines), layout, CitationRole.MENTION, titles_alone=False)
    return unique([*(ref for project in projects for ref in project.policies), *mentions])


def with_titles(projects: Iterable[ProjectFact], citations: Iterable[PolicyRef]) -> tuple[ProjectFact, ...]:
    """Give a project's policy the title the document states elsewhere for the same number."""
    titles = {ref.key: ref.title for ref in citations if ref.title}
    return tuple(
        replace(p, policies=tuple(replace(r, title=r.title or titles.get(r.key)) for r in p.policies))
        for p in projects
    )
