"""The one character normalisation every reader applies (loaders.characters): what it maps, that it
is applied by each reader, and that it changes nothing a source writes in plain simplified Chinese."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import docx
import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders import read_document
from loaders.characters import is_unmapped, normalise_characters
from loaders.docx_reader import read_docx
from loaders.text_reader import read_text
from loaders.xlsx_reader import read_xlsx
from tests.corpus import SEEDS

# What a browser's Noto CJK print of 部门预算/一般公共预算/…户/2024年4月—2025年3月 reads back as.
PRINTED = "部⻔预算 ⼀般公共预算⽀出 ⼯资福利 ⻋辆 ⻓期 20⼾ 2024年4⽉―2025年3⽉ ⾭年 ⿈河"
SOURCE = "部门预算 一般公共预算支出 工资福利 车辆 长期 20户 2024年4月—2025年3月 青年 黄河"


def test_radicals_and_their_fonts_give_back_the_source() -> None:
    assert normalise_characters(PRINTED) == SOURCE


def test_every_kangxi_radical_and_compatibility_ideograph_becomes_a_unified_ideograph() -> None:
    mapped = [normalise_characters(chr(code)) for code in (*range(0x2F00, 0x2FD6), *range(0xF900, 0xFA0E))]
    assert all(len(c) == 1 and unicodedata.name(c).startswith("CJK UNIFIED IDEOGRAPH") for c in mapped)


@pytest.mark.parametrize(("text", "expected"), [
    ("２０２５年ＡＢｃ", "2025年ABc"),  # full-width letters and digits
    ("支出：１,５３１.２２万元（含）", "支出：1,531.22万元（含）"),  # full-width punctuation stays
    ("单位\u00a0名称\u2003\u2009", "单位 名称  "),  # fixed-width spaces
    ("预\u200b算\ufeff公\u00ad开\u200d", "预算公开"),  # zero-width characters
    ("\u3000\u3000一、主要职能", "\u3000\u3000一、主要职能"),  # the ideographic space is the source's
])
def test_other_forms(text: str, expected: str) -> None:
    assert normalise_characters(text) == expected


@given(st.text())
def test_applying_it_twice_changes_nothing(text: str) -> None:
    once = normalise_characters(text)
    assert normalise_characters(once) == once


def test_private_use_glyphs_are_unmapped_and_kept() -> None:
    assert is_unmapped("\ue000") and is_unmapped("\uf8ff") and not is_unmapped("门")
    assert normalise_characters("部\ue123") == "部\ue123"


def test_the_seeds_are_already_normal() -> None:
    """A source typed in simplified Chinese does not change: the seeds read as their bytes say."""
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert "\n".join(line.text for line in read_text(path).lines) == text.rstrip("\n").replace("\f", "")


def test_every_reader_applies_it(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PRINTED, encoding="utf-8")
    document = docx.Document()
    document.add_paragraph(PRINTED)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "⼀般公共预算", "１２.５０"
    document.save(str(tmp_path / "a.docx"))
    book = openpyxl.Workbook()
    book.active.append(["⼀般公共预算", "部⻔"])
    buffer = io.BytesIO()
    book.save(buffer)
    (tmp_path / "a.xlsx").write_bytes(buffer.getvalue())
    assert [line.text for line in read_text(tmp_path / "a.txt").lines] == [SOURCE]
    assert [(line.text, line.cells) for line in read_docx(tmp_path / "a.docx").lines] == [
        (SOURCE, ()), ("一般公共预算\t12.50", ("一般公共预算", "12.50"))]
    assert [line.cells for line in read_xlsx(tmp_path / "a.xlsx").lines if line.cells] == [("一般公共预算", "部门")]


def test_a_title_printed_with_radicals_is_a_disclosure(tmp_path: Path) -> None:
    """The browser print that lost seeds at the title: 部⻔预算 is a 部门预算."""
    (tmp_path / "cover.txt").write_text("和静县财政局\n2025年部⻔预算公开\n⼀、主要职能", encoding="utf-8")
    facts = read_document(tmp_path / "cover.txt")
    header = facts.header
    assert (header.unit_name, header.fiscal_year) == ("和静县财政局", 2025)
    assert header.title == "和静县财政局2025年部门预算公开"
