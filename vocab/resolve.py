"""Entity resolution that needs no database: a unit's identity across renames, and its region.

Both rules are driven by reference tables kept as data in ``vocab/reference/`` so that a new
rename or region is a data change, not a code change.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from vocab.docnumbers import find_doc_numbers
from vocab.numbers import clean_text


@cache
def _reference(name: str) -> dict[str, Any]:
    text = resources.files("vocab").joinpath("reference", name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def normalise_name(name: str) -> str:
    """Names compare after NFKC and without any whitespace (converters insert it freely)."""
    return re.sub(r"\s+", "", clean_text(name))


def unit_key(name: str) -> str:
    """Identity of a unit: its normalised name with a former organisational suffix replaced by
    the current one, so 昌吉回族自治州社会保险管理局 and …社会保险中心 are one unit."""
    key = normalise_name(name)
    suffixes: list[tuple[str, str]] = _reference("unit_renames.json")["suffixes"]
    for old, new in suffixes:
        if key.endswith(old):
            return key[: -len(old)] + new
    return key


def unit_name_variants(name: str) -> list[str]:
    """The names a unit written the way people write it may have in documents, the name itself first:
    a region abbreviation at the start expanded (昌吉州… → 昌吉回族自治州…, regions.json ``short_names``)
    and everyday short forms spelt out (社保中心 → 社会保险中心, unit_renames.json ``short_forms``)."""
    variants = [normalise_name(name)]
    for short, full in region_short_names().items():
        variants += [full + v[len(short):] for v in variants if v.startswith(short) and not v.startswith(full)]
    for short, full in _reference("unit_renames.json")["short_forms"]:
        variants += [v.replace(short, full) for v in variants if short in v]
    return list(dict.fromkeys(variants))


@dataclass(frozen=True)
class RegionLink:
    name: str
    parent: str | None


@dataclass(frozen=True)
class _Regions:
    parents: dict[str, str | None]
    full: re.Pattern[str]  # every region's name, longest first: the leftmost match anywhere in a name
    short: dict[str, str]  # short forms (新疆, 巴州), at the start of a name only
    with_parent: frozenset[str]
    below: dict[str, frozenset[str]]  # each region's descendants


@cache
def _regions() -> _Regions:
    ref = _reference("regions.json")
    parents: dict[str, str | None] = ref["parents"]
    below: dict[str, set[str]] = {name: set() for name in parents}
    for name in parents:
        ancestor = parents[name]
        while ancestor is not None:
            below[ancestor].add(name)
            ancestor = parents[ancestor]
    names = sorted(parents, key=len, reverse=True)
    return _Regions(
        parents=parents,
        full=re.compile("|".join(map(re.escape, names))),
        short=ref["short_names"],
        with_parent=frozenset(ref["named_with_parent"]),
        below={name: frozenset(under) for name, under in below.items()},
    )


def _first_region(name: str, regions: _Regions) -> tuple[str, int] | None:
    """The region the name names first, and where its name ends: a short form opening the name,
    else the leftmost full name (the longest at that place) that may stand without a parent."""
    short = max((s for s in regions.short if name.startswith(s)), key=len, default=None)
    for m in regions.full.finditer(name):
        if short is not None and m.start() == 0 and len(short) > len(m[0]):
            break
        if m[0] not in regions.with_parent:
            return m[0], m.end()
    return (regions.short[short], len(short)) if short is not None else None


def _deeper(rest: str, leaf: str, regions: _Regions) -> tuple[str, int] | None:
    """A region below ``leaf`` whose name (or short form) the rest of the name starts with."""
    found = [(n, len(n)) for n in regions.below[leaf] if rest.startswith(n)]
    found += [(full, len(s)) for s, full in regions.short.items() if full in regions.below[leaf] and rest.startswith(s)]
    return max(found, key=lambda hit: hit[1], default=None)


def region_chain(unit_name: str) -> tuple[RegionLink, ...]:
    """The unit's region and its ancestors, leaf first; empty when the name names no region of the
    table (``vocab/reference/regions.json``): a unit is placed by the places its name names, never
    by a guess from a name's shape.

    The first region named (中共上海市普陀区委… names 上海市) is refined by the regions below it
    that follow (普陀区); a district name other regions bear too (普陀区 alone) places nothing.
    """
    regions = _regions()
    name = normalise_name(unit_name)
    first = _first_region(name, regions)
    if first is None:
        return ()
    leaf, end = first
    while deeper := _deeper(name[end:], leaf, regions):
        leaf, end = deeper[0], end + deeper[1]
    chain: list[RegionLink] = []
    current: str | None = leaf
    while current is not None:
        parent = regions.parents[current]
        chain.append(RegionLink(current, parent))
        current = parent
    return tuple(chain)



_YEAR_WORDS = re.compile(r"\d{4}\s*年度?|\d{4}\s*[-—至]\s*\d{4}\s*年?")
_NOISE = re.compile(r"[\s“”\"'‘’《》〈〉<>（）()、，,。.:：;；\-—]")
SAME_PROJECT_THRESHOLD = 0.75


def project_core(name: str) -> str:
    """A project's name without what changes every year: the year, an allocation 发文字号,
    quotes and punctuation (2025 年社会保险宣传费 and 社会保险宣传费 are one project), with everyday
    short forms spelt out (社保 → 社会保险)."""
    text = normalise_name(name)
    for _, start, end in reversed(find_doc_numbers(text)):
        text = text[:start] + text[end:]
    text = _YEAR_WORDS.sub("", text)
    for short, full in _reference("unit_renames.json")["short_forms"]:
        text = text.replace(short, full)
    return _NOISE.sub("", text)


def project_similarity(a: str, b: str) -> float:
    """Similarity of two project names in [0, 1] (difflib's ratio on their cores)."""
    from difflib import SequenceMatcher

    ca, cb = project_core(a), project_core(b)
    if not ca or not cb:
        return 0.0
    return round(SequenceMatcher(None, ca, cb, autojunk=False).ratio(), 3)


@dataclass(frozen=True)
class ProjectCandidate:
    """A project as the linker sees it: id, name and the 功能分类 codes its 项目支出表 lines name."""

    id: str
    name: str
    codes: frozenset[str] = frozenset()


_CONTAINED = 0.85  # one core inside the other (就业见习补贴 ⊂ 高校毕业生就业见习补贴)
_SAME_CODE = 0.1  # both classified under the same 功能分类 项
_MIN_CONTAINED = 4


def project_match(a: ProjectCandidate, b: ProjectCandidate) -> tuple[float, str]:
    """How sure we are that ``a`` and ``b`` are one project (a confidence in [0, 1]) and why."""
    ca, cb = project_core(a.name), project_core(b.name)
    if ca and ca == cb:
        return 1.0, "same name (year, 发文字号 and short forms aside)"
    score = project_similarity(a.name, b.name)
    reasons = [f"names {score:.0%} alike"]
    shorter, longer = sorted((ca, cb), key=len)
    if len(shorter) >= _MIN_CONTAINED and shorter in longer and score < _CONTAINED:
        score, reasons = _CONTAINED, [f"one name contains the other ({shorter})"]
    if shared := a.codes & b.codes:
        score += _SAME_CODE
        reasons.append(f"same 功能分类 {min(shared)}")
    return round(min(score, 0.99), 3), ", ".join(reasons)


@dataclass(frozen=True)
class ProjectLink:
    project: str
    other: str
    similarity: float
    reason: str = ""


def link_projects(
    new: list[ProjectCandidate], existing: list[tuple[ProjectCandidate, int]],
    threshold: float = SAME_PROJECT_THRESHOLD,
) -> list[ProjectLink]:
    """Pair each new project with the same project of the unit in another document (with its fiscal
    year): per year, the mutually best match whose confidence (``project_match``) reaches ``threshold``,
    renamed and re-worded projects included (95年以前退休人员生活补贴资金 → 95年以前退休人员生活费)."""
    links: list[ProjectLink] = []
    for year in sorted({y for _, y in existing}):
        others = [o for o, y in existing if y == year]
        scores = {(p.id, o.id): project_match(p, o) for p in new for o in others}
        for (pid, oid), (score, reason) in scores.items():
            if score < threshold:
                continue
            best_for_new = max(scores[(pid, o.id)][0] for o in others)
            best_for_other = max(scores[(p.id, oid)][0] for p in new)
            if score == best_for_new == best_for_other:
                links.append(ProjectLink(pid, oid, score, reason))
    return links


def region_short_names() -> dict[str, str]:
    """Everyday short forms of regions and the full name each stands for (巴州: 巴音郭楞蒙古自治州)."""
    short: dict[str, str] = _reference("regions.json")["short_names"]
    return dict(short)
