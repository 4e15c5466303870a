"""发文字号 canonicalisation: every spelling the seeds show, and the rendering noise a converter
adds (bracket style, full width, spaces and line breaks), reduce to one canonical number."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vocab.docnumbers import _issuers, canonical_doc_number, find_doc_numbers, issuer_of, year_of

# Spellings found in the seeds (and the PDFs behind them), with their canonical form.
SPELLINGS = [
    ("新政办发〔2010〕168号", "新政办发〔2010〕168号"),
    ("新\n\n政办发〔2010〕168 号", "新政办发〔2010〕168号"),
    ("新政办发[2010]168 号", "新政办发〔2010〕168号"),
    ("新政办发〔2010 〕168号", "新政办发〔2010〕168号"),
    ("人社部发\n\n(2023)62号", "人社部发〔2023〕62号"),
    ("人社发(2011)99号", "人社发〔2011〕99号"),
    ("昌州财建【2024】156号", "昌州财建〔2024〕156号"),
    ("昌州政\n\n办发〔2021〕56 号", "昌州政办发〔2021〕56号"),
    ("中办发[2003]16号", "中办发〔2003〕16号"),
    ("新人社函【2017】291号", "新人社函〔2017〕291号"),
    ("新人社发〔2018〕\n\n43 号", "新人社发〔2018〕43号"),
    ("新政办发〔2015〕105\n\n号", "新政办发〔2015〕105号"),
    ("巴财社【2023】110 号", "巴财社〔2023〕110号"),
    ("国令第 765 号", "国令第765号"),
    ("新政办发［２０１０］１６８号", "新政办发〔2010〕168号"),
    ("新政办发（2010)168号", "新政办发〔2010〕168号"),
]


@pytest.mark.parametrize(("written", "canonical"), SPELLINGS)
def test_seed_spellings_are_canonical(written: str, canonical: str) -> None:
    assert canonical_doc_number(written) == canonical


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("前退休人员生活补贴巴财社\n\n[2024]51号", "巴财社〔2024〕51号"),
        ("（二）项目名称：自治区国有企业改革成本巴财企[2024]58 号", "巴财企〔2024〕58号"),
        ("的意见》人社部〔2018〕43 号，加强", "人社部〔2018〕43号"),
        ("工作要点的通知》新人社发〔2023〕5 号文件", "新人社发〔2023〕5号"),
        ("按照自治区人民政府办公厅新政办发〔2018〕55号", "新政办发〔2018〕55号"),
        ("参保资助资金阿地财社〔2022〕238号", "阿地财社〔2022〕238号"),  # region + known prefix
        ("工作规程的通知》（阿地医保发〔2023〕31号）", "阿地医保发〔2023〕31号"),  # unknown, delimited
        ("（根据某某局发〔2020〕3号）", "某某局发〔2020〕3号"),
    ],
)
def test_prefix_is_cut_from_the_words_before_it(text: str, expected: str) -> None:
    [(number, start, end)] = find_doc_numbers(text)
    assert number == expected
    assert text[start] == expected[0]
    assert text[end - 1] == "号"


def test_several_numbers_in_order_with_offsets() -> None:
    text = "依据中办发[2003]16号《意见》、劳社部发[2003]20号和（国令第 765 号）"
    found = find_doc_numbers(text)
    assert [n for n, _, _ in found] == ["中办发〔2003〕16号", "劳社部发〔2003〕20号", "国令第765号"]
    assert [text[s:e] for _, s, e in found] == ["中办发[2003]16号", "劳社部发[2003]20号", "国令第 765 号"]


@pytest.mark.parametrize(
    "text",
    [
        "(新政办发〔2010\n)〕168 号",  # too garbled: better missed than wrong
        "（2023 年度）",
        "2025年4月-2026年3月",
        "人力资源和社会保障部第14号令",
        "〔2010〕168号",  # no issuer
    ],
)
def test_not_a_number(text: str) -> None:
    assert find_doc_numbers(text) == []


def test_unknown_prefix_is_kept_whole_when_typed_alone() -> None:
    assert canonical_doc_number(" 某某局发 [2020] 3 号 ") == "某某局发〔2020〕3号"
    assert issuer_of("某某局发〔2020〕3号") is None
    assert canonical_doc_number("no number here") is None


@pytest.mark.parametrize(
    ("number", "issuer"),
    [
        ("新政办发〔2010〕168号", "新疆维吾尔自治区人民政府办公厅"),
        ("巴财企[2024]58号", "巴音郭楞蒙古自治州财政局"),
        ("巴财社〔2024〕51号", "巴音郭楞蒙古自治州财政局"),
        ("人社部发(2023)62号", "人力资源和社会保障部"),
        ("昌州财建【2024】156号", "昌吉回族自治州财政局"),
        ("新人社办发〔2024〕38号", "新疆维吾尔自治区人力资源和社会保障厅"),
        ("新人社函〔2017〕291号", "新疆维吾尔自治区人力资源和社会保障厅"),
        ("新财社〔2023〕239号", "新疆维吾尔自治区财政厅"),
        ("中办发〔2003〕27号", "中共中央办公厅"),
        ("国令第765号", "国务院"),
        ("劳社部发〔2003〕20号", "劳动和社会保障部"),
        ("人社厅发〔2022〕67号", "人力资源和社会保障部办公厅"),
        ("昌州政办发〔2021〕56号", "昌吉回族自治州人民政府办公室"),
        ("昌州党机编发〔2019〕78号", "中共昌吉回族自治州委员会机构编制委员会"),
        ("巴党办〔2006〕30号", "中共巴音郭楞蒙古自治州委员会办公室"),
        ("新社险字〔2011〕27号", "新疆维吾尔自治区社会保险事业管理局"),
        ("人社发〔2011〕99号", "人力资源和社会保障部"),
    ],
)
def test_issuer_from_the_reference_table(number: str, issuer: str) -> None:
    assert issuer_of(number) == issuer


def test_year_of() -> None:
    assert year_of("新政办发 [2010] 168号") == 2010
    assert year_of("国令第765号") is None
    assert year_of("nothing") is None


# --- properties: rendering noise never changes the number -------------------------------------

OPENING = "〔[【（(［"
CLOSING = "〕]】）)］"
PREFIXES = sorted(p for p in _issuers() if p != "国令")
NOISE = st.sampled_from([" ", "\n", "\n\n", "\u3000", " \n "])


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in text)


@st.composite
def rendered(draw: st.DrawFn) -> tuple[str, str]:
    """A number as some converter might write it, and its canonical form."""
    prefix = draw(st.sampled_from(PREFIXES))
    year = draw(st.integers(1980, 2035))
    serial = draw(st.integers(1, 9999))
    pieces = [*prefix, draw(st.sampled_from(OPENING)), *str(year), draw(st.sampled_from(CLOSING)),
              *str(serial), "号"]
    if draw(st.booleans()):
        pieces = [_full_width(p) for p in pieces]
    for _ in range(draw(st.integers(0, 4))):
        pieces.insert(draw(st.integers(1, len(pieces) - 1)), draw(NOISE))
    return "".join(pieces), f"{prefix}〔{year}〕{serial}号"


@given(rendered())
def test_rendering_noise_keeps_the_canonical_number(case: tuple[str, str]) -> None:
    written, canonical = case
    assert canonical_doc_number(written) == canonical


@given(rendered(), st.sampled_from(["（", "《关于某事的通知》（", "依据：", "。\n"]))
def test_found_in_running_text(case: tuple[str, str], before: str) -> None:
    written, canonical = case
    assert [n for n, _, _ in find_doc_numbers(f"{before}{written}）要求")] == [canonical]


@given(st.integers(1, 9999), st.lists(NOISE, max_size=3))
def test_decree_numbers(serial: int, noise: list[str]) -> None:
    written = "国令" + "".join(noise) + "第" + str(serial) + "".join(noise) + "号"
    assert canonical_doc_number(written) == f"国令第{serial}号"
