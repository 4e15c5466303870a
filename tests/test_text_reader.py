"""The text reader: line numbers as an editor shows them, cells from tabs, and a clear reason for
every file that is not a readable text."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from loaders import read_document
from loaders.errors import DocumentError
from loaders.text_reader import read_text
from tests.corpus import seed


def test_seed_lines_are_numbered_from_one() -> None:
    layout = read_text(seed(0))
    raw = seed(0).read_bytes()
    assert layout.sha256 == hashlib.sha256(raw).hexdigest()
    assert layout.path == str(seed(0))
    assert layout.fmt == "text"
    assert len(layout.lines) == len(raw.decode().splitlines())
    assert [line.number for line in layout.lines[:3]] == [1, 2, 3]
    assert layout.lines[0].text.startswith("# 昌吉回族自治州社会保险中心")
    assert "新政办发〔2010〕168号" in layout.lines[548].text  # line 549 in an editor
    assert all(line.page is None for line in layout.lines)


def test_tab_separated_cells() -> None:
    layout = read_text(seed(3))
    row = layout.lines[611]
    assert row.cells[:3] == ("项目名称", "", "2024 年社会保险经办服务和中心运行项目")
    assert all(line.cells == () for line in layout.lines if "\t" not in line.text)


def write(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_encodings_and_line_ends(tmp_path: Path) -> None:
    text = "第一部分 单位概况\r\n二、机构设置\r\n"
    for content in (text.encode("gb18030"), b"\xef\xbb\xbf" + text.encode(), text.encode("utf-16")):
        layout = read_text(write(tmp_path, "doc.md", content))
        assert [line.text for line in layout.lines] == ["第一部分 单位概况", "二、机构设置"]
        assert layout.fmt == "markdown"


def test_form_feeds_start_pages(tmp_path: Path) -> None:
    layout = read_text(write(tmp_path, "doc.txt", "第一页\n\f第二页\n续\f\n第三页\n".encode()))
    assert [(line.text, line.page) for line in layout.lines] == [
        ("第一页", 1), ("第二页", 2), ("续", 2), ("第三页", 3)
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n\t ", "empty file"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "binary file (PDF)"),
        (b"PK\x03\x04" + b"\x00" * 40, "binary file (ZIP/DOCX/XLSX)"),
        (bytes(range(256)) * 4, "binary file (binary)"),
        (b"\xff\xfe\xfa" * 200 + b"\x81", "cannot decode as UTF-8 or GB18030"),
        (b"\x80\xff" * 50, "cannot decode as UTF-8 or GB18030"),
    ],
)
def test_unreadable_files_say_why(tmp_path: Path, content: bytes, reason: str) -> None:
    path = write(tmp_path, "bad.txt", content)
    with pytest.raises(DocumentError) as caught:
        read_text(path)
    assert caught.value.path == str(path)
    assert caught.value.reason.startswith(reason)


@pytest.mark.parametrize("content", [b"", b"\x80\xff" * 50, "# 会议纪要\n今天讨论了食堂菜单。".encode()])
def test_read_document_names_the_file_and_the_reason(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path, "bad.txt", content)
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert caught.value.path == str(path)
    assert caught.value.reason and "\n" not in caught.value.reason


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="cannot read file"):
        read_text(tmp_path / "absent.txt")
    with pytest.raises(DocumentError, match="cannot read file"):
        read_document(tmp_path / "absent.txt")
