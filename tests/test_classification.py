"""The 功能分类 and 经济分类 reference tables: lookups, hierarchy and levels; the tables checked against
what the seeds and the sample generator print; the graph and the API giving every loaded code its
款 and 类 with their published names, on both stores.

The seed cross-check reads code + name pairs two ways: the extractor's facts (项 rows, 项目支出表
cells, 经济分类 rows) and, from the raw text, every table row that prints a code of a known 类
before its name (``208<TAB>01<TAB><TAB>人力资源和社会保障管理事务``, ``301 01 基本工资 64.29``), which
is where the 类 and 款 rows are. A printed name agrees when it is the published one or a listed
alias after NFKC and without whitespace; everything else is reported.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.api.types import FunctionLevel as ApiFunctionLevel
from app.store import GraphStore
from graph.classes import function_class_params
from graph.payload import document_id, upsert_params
from loaders import read_document
from loaders.facts import BasicExpenditureFacts, DocumentFacts, EconomicLineFact, FunctionLineFact
from loaders.pipeline import prepare
from samples.world import CLASS_NAMES, ITEM_NAMES, KUAN_NAMES
from tests.builders import document, load
from tests.corpus import SAMPLES, SEEDS, seed
from tests.graphql import execute
from vocab.classification import (
    Classification,
    EconomicLevel,
    FunctionLevel,
    economic_classes,
    economic_level,
    function_classes,
    function_level,
)
from vocab.numbers import clean_text

REFERENCE = Path(__file__).resolve().parents[1] / "vocab" / "reference"
FUNCTION_CODES = sorted(function_classes().names)
ECONOMIC_CODES = sorted(economic_classes().names)

# Codes the seeds print that the reference tables lack on purpose, and why.
KNOWN_MISSING = {
    "30314": "职工住宅取暖费: a local 款 of 昌吉州's 2020 基本支出表 (seed 002), not in the national table",
}


def table_of(code: str) -> Classification:
    return function_classes() if code.startswith("2") else economic_classes()


# --- lookups ---------------------------------------------------------------------------------------


def test_function_lookups() -> None:
    fc = function_classes()
    assert fc.name("208") == "社会保障和就业支出"
    assert fc.name("20801") == "人力资源和社会保障管理事务"
    assert fc.name("2080109") == "社会保险经办机构"
    assert fc.parent("2080109") == "20801" and fc.parent("20801") == "208" and fc.parent("208") is None
    assert fc.ancestors("2080109") == ("208", "20801") and fc.ancestors("208") == ()
    assert fc.top("2080109") == "208"
    assert fc.name("2089999") is None  # not in the table: no name, still a code with ancestors
    assert fc.ancestors("2089999") == ("208", "20899")
    assert fc.children("22102") == ("2210201", "2210202", "2210203")
    assert fc.children("2080109") == ()
    assert fc.parent("30101") is None and fc.ancestors("12345") == () and fc.depth("2080") is None


def test_economic_lookups() -> None:
    ec = economic_classes()
    assert (ec.name("301"), ec.name("30101"), ec.name("30231")) == ("工资福利支出", "基本工资", "公务用车运行维护费")
    assert ec.name("31002") == "办公设备购置" and ec.name("310") == "资本性支出"
    assert ec.parent("30101") == "301" and ec.parent("301") is None and ec.ancestors("30302") == ("303",)
    assert ec.top("30239") == "302" and ec.top("2080109") is None
    assert ec.children("303")[:2] == ("30301", "30302")
    assert ec.matches("30213", "维修(护)费")  # documents print half-width brackets
    assert ec.matches("30217", "公务招待费")  # an alias (seed 002's older table)
    assert not ec.matches("30217", "公务用车运行维护费")


def test_levels() -> None:
    assert [function_level(c) for c in ("208", "20801", "2080109")] == [
        FunctionLevel.CLASS, FunctionLevel.SECTION, FunctionLevel.ITEM]
    assert [lvl.value for lvl in FunctionLevel] == ["类", "款", "项"]
    assert [lvl.digits for lvl in FunctionLevel] == [3, 5, 7]
    assert function_level("2080") is None and function_level("30101") is None
    assert [economic_level(c) for c in ("301", "30101", "3010101")] == [EconomicLevel.CLASS, EconomicLevel.ITEM, None]
    assert [lvl.value for lvl in EconomicLevel] == ["类", "款"]
    # The API's enum is the same levels, read from the one module.
    assert ApiFunctionLevel.of_code("20801") is ApiFunctionLevel.SECTION
    assert [lvl.digits for lvl in ApiFunctionLevel] == [3, 5, 7]


def test_printed_variant_is_kept_only_when_it_differs() -> None:
    ec = economic_classes()
    assert ec.printed_variant("30213", "维修(护)费") is None
    assert ec.printed_variant("30217", "公务招待费") == "公务招待费"
    assert ec.printed_variant("30314", "职工住宅取暖费") == "职工住宅取暖费"  # no published name
    assert ec.printed_variant("30101", None) is None


# --- the tables as data ----------------------------------------------------------------------------


@pytest.mark.parametrize("file", ["function_classes.json", "economic_classes.json"])
def test_tables_say_what_they_are(file: str) -> None:
    data = json.loads((REFERENCE / file).read_text(encoding="utf-8"))
    about = data["_about"]
    assert "政府收支分类科目" in about and "extend" in about and "2024" in about
    assert data["version"].startswith("2025")
    assert list(data["codes"]) == sorted(data["codes"]), "codes are kept in code order"
    for code in data["aliases"]:
        assert code in data["codes"], f"an alias of {code}, which the table lacks"


@pytest.mark.parametrize("table", [function_classes, economic_classes], ids=["function", "economic"])
def test_every_code_is_well_formed(table: Callable[[], Classification]) -> None:
    t = table()
    for code, name in t.names.items():
        assert t.is_code(code), code
        assert name and not re.search(r"\s", name), (code, name)
        assert "(" not in name and ")" not in name, f"{code}: brackets are full-width as published"


def test_coverage_of_the_classes_the_disclosures_use() -> None:
    fc = function_classes()
    classes = [c for c in FUNCTION_CODES if len(c) == 3]
    assert {"201", "208", "210", "221", "229", "230", "233"} <= set(classes)
    for code in ["2080101", "2080104", "2080112", "2080150", "2080199", "2080501", "2080503", "2080506",
                 "2080599", "2080601", "2080602", "2080699", "20808", "20899", "2101101", "2101102", "2101103",
                 "2101199", "2210201", "2210202", "2210203", "22999"]:
        assert fc.name(code), code
    ec = economic_classes()
    assert [c for c in ECONOMIC_CODES if len(c) == 3] == [
        "301", "302", "303", "307", "309", "310", "311", "312", "313", "399"]
    for code in ["30199", "30201", "30231", "30239", "30299", "30301", "30302", "31002"]:
        assert ec.name(code), code


@given(st.sampled_from(FUNCTION_CODES))
def test_every_function_code_has_its_ancestors_in_the_table(code: str) -> None:
    fc = function_classes()
    for ancestor in fc.ancestors(code):
        assert fc.name(ancestor), f"{code} {fc.name(code)}: {ancestor} missing"
    if len(code) == 7:
        assert fc.ancestors(code) == (code[:3], code[:5])


@given(st.sampled_from(ECONOMIC_CODES))
def test_every_economic_code_has_its_class_in_the_table(code: str) -> None:
    ec = economic_classes()
    assert all(ec.name(a) for a in ec.ancestors(code))


@given(st.from_regex(r"2[0-9]{2}(?:[0-9]{2}){0,2}", fullmatch=True))
def test_hierarchy_is_the_codes(code: str) -> None:
    fc = function_classes()
    chain = (*fc.ancestors(code), code)
    assert [len(c) for c in chain] == [3, 5, 7][: len(chain)]
    assert all(code.startswith(a) for a in chain)
    assert fc.parent(code) == (chain[-2] if len(chain) > 1 else None)
    level = function_level(code)
    assert level is not None and level.digits == len(code)
    assert fc.children(code) == tuple(c for c in FUNCTION_CODES if fc.parent(c) == code)


# --- cross-checks: the seeds and the sample generator -----------------------------------------------

_ROW = re.compile(
    r"(?:^|\t)[ ]*(?P<code>[23]\d{2}(?:\d{2}){0,2})(?P<parts>(?:[\t ]+\d{2}){0,2})[\t ]+"
    r"(?P<name>[\u4e00-\u9fff][\u4e00-\u9fff()、]*(?: [\u4e00-\u9fff()、]+)*)(?=\t|$| +[\d-])"
)


@dataclass(frozen=True)
class Printed:
    code: str
    name: str
    line: int
    how: str  # "facts" (the extractor) or "text" (a table row in the raw text)


def printed_rows(path: Path) -> Iterator[Printed]:
    """Table rows printing a code of a known 类 before a name, from the raw text."""
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for m in _ROW.finditer(clean_text(raw).replace("|", "\t")):
            code = m["code"] + "".join(m["parts"].split())
            if table_of(code).name(code[:3]):
                yield Printed(code, re.sub(r"\s", "", m["name"]), number, "text")


def printed_facts(facts: DocumentFacts) -> Iterator[Printed]:
    for f in facts.function_lines:
        yield Printed(f.code, f.name, f.source.line_start if f.source else 0, "facts")
    for p in facts.project_lines:
        if p.function_name:
            yield Printed(p.function_code, p.function_name, p.source.line_start if p.source else 0, "facts")
    for e in facts.basic.lines:
        yield Printed(e.code, e.name, e.source.line_start if e.source else 0, "facts")


@cache
def seed_pairs(number: int) -> tuple[Printed, ...]:
    return (*printed_rows(seed(number)), *printed_facts(read_document(seed(number))))


def test_seeds_agree_with_the_reference() -> None:
    """Reported: codes the seeds print that the tables lack, and printed names that disagree."""
    missing: dict[str, list[str]] = {}
    differ: list[str] = []
    codes: set[str] = set()
    for number in range(5):
        for p in seed_pairs(number):
            codes.add(p.code)
            standard = table_of(p.code).name(p.code)
            if standard is None:
                missing.setdefault(p.code, []).append(f"seed {number:03d} line {p.line}: {p.name}")
            elif not table_of(p.code).matches(p.code, p.name):
                differ.append(f"seed {number:03d} line {p.line} ({p.how}): {p.code} {p.name} ≠ {standard}")
    report = "\n".join([*(f"missing {c}: {'; '.join(w)}" for c, w in sorted(missing.items())), *differ])
    assert set(missing) == set(KNOWN_MISSING), report
    assert differ == [], report
    assert len(codes) >= 80, f"the harvest read only {len(codes)} codes from the seeds"


def test_the_harvest_reads_class_and_section_rows() -> None:
    """Seed 004 prints 208 01 人力资源和社会保障管理事务 though its facts keep only 项 rows."""
    pairs = {(p.code, p.name) for p in seed_pairs(4) if p.how == "text"}
    assert {("208", "社会保障和就业支出"), ("20801", "人力资源和社会保障管理事务"), ("301", "工资福利支出"),
            ("30101", "基本工资"), ("22102", "住房改革支出")} <= pairs


def test_sample_generator_uses_the_published_names() -> None:
    fc = function_classes()
    for names in (CLASS_NAMES, KUAN_NAMES, ITEM_NAMES):
        for code, name in names.items():
            assert fc.matches(code, name), (code, name, fc.name(code))
    # Rows the generated documents print, as the extractor reads them (the raw-text harvest would run
    # a project's name into the class name where a rendering separates cells by spaces only).
    for path in sorted(SAMPLES.glob("*.txt")):
        for p in printed_facts(read_document(path)):
            assert table_of(p.code).matches(p.code, p.name), (path.name, p)


def test_seed_folder_is_there() -> None:
    assert len(list(SEEDS.glob("*.txt"))) == 5


# --- the loader's parameters ------------------------------------------------------------------------


def test_every_code_brings_its_section_and_class() -> None:
    params = function_class_params([("2080109", "社会保险经办机构"), ("2101101", "行政单位医疗"),
                                    ("2080109", "社会保险经办机构"), ("2139999", "某项支出")])
    assert [(p["code"], p["name"], p["printed"], p["parent"]) for p in params] == [
        ("208", "社会保障和就业支出", None, None),
        ("210", "卫生健康支出", None, None),
        ("213", "农林水支出", None, None),
        ("20801", "人力资源和社会保障管理事务", None, "208"),
        ("21011", "行政事业单位医疗", None, "210"),
        ("21399", None, None, "213"),  # a 款 the table lacks: merged without a name, never guessed
        ("2080109", "社会保险经办机构", "社会保险经办机构", "20801"),
        ("2101101", "行政单位医疗", "行政单位医疗", "21011"),
        ("2139999", None, "某项支出", "21399"),
    ]


def test_rows_keep_their_printed_name_where_it_is_not_the_published_one() -> None:
    facts = dataclasses.replace(
        document("和静县社会保险中心", 2025),
        function_lines=(FunctionLineFact("2080109", "社会保险经办机构", 1.0),
                        FunctionLineFact("2080505", "机关事业单位基本养老保险缴", 2.0)),  # cut by a line break
        basic=BasicExpenditureFacts((EconomicLineFact("30213", "维修(护)费", 1.0),
                                     EconomicLineFact("30217", "公务招待费", 1.0),
                                     EconomicLineFact("30314", "职工住宅取暖费", 1.0))))
    params = upsert_params(prepare(facts))
    assert [line["props"]["printedName"] for line in params["lines"]] == [None, "机关事业单位基本养老保险缴"]
    assert [(e["code"], e["name"], e["parent"], e["parentName"], e["props"]["printedName"])
            for e in params["economic"]] == [
        ("30213", "维修（护）费", "302", "商品和服务支出", None),
        ("30217", "公务接待费", "302", "商品和服务支出", "公务招待费"),
        ("30314", None, "303", "对个人和家庭的补助", "职工住宅取暖费"),
    ]
    assert [c["code"] for c in params["functionClasses"]] == ["208", "20801", "20805", "2080109", "2080505"]


# --- the graph and the API, on both stores ----------------------------------------------------------

FUNCTION_CLASS = """
query ($code: String!) { functionClass(code: $code) {
  code name level parent { code name level parent { code } } children { code name level } } }"""
CLASSES = """
query ($level: FunctionLevel) { functionClasses(first: 100, filter: {level: $level}) {
  totalCount edges { node { code name level } } } }"""
ECONOMIC = """
query ($id: ID!) { document(id: $id) {
  economicLines { code name standardName parent { code name } }
  functionLines { code name functionClass { name parent { code name } } } } }"""


@cache
def hejing() -> DocumentFacts:
    return read_document(seed(4))


async def test_seed_004_gets_sections_and_classes_with_published_names(store: GraphStore) -> None:
    """和静县 prints 项 rows (and some 类/款 rows the extractor does not keep): the graph still holds
    20801 and 208 with their names, linked PART_OF."""
    await load(store, hejing())
    data = await execute(store, FUNCTION_CLASS, code="20801")
    fc = data["functionClass"]
    assert (fc["code"], fc["name"], fc["level"]) == ("20801", "人力资源和社会保障管理事务", "SECTION")
    assert fc["parent"] == {"code": "208", "name": "社会保障和就业支出", "level": "CLASS", "parent": None}
    # The codes the document names under 20801 (its 项 rows; its 情况说明 may name more).
    assert {"code": "2080109", "name": "社会保险经办机构", "level": "ITEM"} in fc["children"]
    assert all(c["code"].startswith("20801") and c["name"] and c["level"] == "ITEM" for c in fc["children"])

    klass = (await execute(store, FUNCTION_CLASS, code="208"))["functionClass"]
    children = {c["code"]: c["name"] for c in klass["children"]}
    assert len(children) == len(klass["children"])
    assert {"20801": "人力资源和社会保障管理事务", "20805": "行政事业单位养老支出",
            "20806": "企业改革补助"}.items() <= children.items()

    classes = (await execute(store, CLASSES, level="CLASS"))["functionClasses"]
    assert {(e["node"]["code"], e["node"]["name"]) for e in classes["edges"]} >= {
        ("208", "社会保障和就业支出"), ("210", "卫生健康支出"), ("221", "住房保障支出")}
    sections = (await execute(store, CLASSES, level="SECTION"))["functionClasses"]
    assert {
        "20801": "人力资源和社会保障管理事务", "20805": "行政事业单位养老支出", "20806": "企业改革补助",
        "21011": "行政事业单位医疗", "22102": "住房改革支出",
    }.items() <= {e["node"]["code"]: e["node"]["name"] for e in sections["edges"]}.items()
    assert all(e["node"]["name"] for e in (*classes["edges"], *sections["edges"]))


async def test_economic_classes_get_published_names(store: GraphStore) -> None:
    await load(store, hejing())
    doc = (await execute(store, ECONOMIC, id=document_id(hejing())))["document"]
    lines = {e["code"]: e for e in doc["economicLines"]}
    assert lines["30101"] == {"code": "30101", "name": "基本工资", "standardName": "基本工资",
                              "parent": {"code": "301", "name": "工资福利支出"}}
    assert lines["30302"]["parent"] == {"code": "303", "name": "对个人和家庭的补助"}
    for line in doc["functionLines"]:
        assert line["name"] == line["functionClass"]["name"]  # 和静县 prints the published names
        assert line["functionClass"]["parent"]["code"] == line["code"][:5]


async def test_a_document_printing_another_name_keeps_it_on_its_row(store: GraphStore) -> None:
    """Seed 002 (2020) prints 公务招待费 for 30217: its row says so, the class keeps the published name."""
    facts = read_document(seed(2))
    await load(store, facts)
    doc = (await execute(store, ECONOMIC, id=document_id(facts)))["document"]
    lines = {e["code"]: e for e in doc["economicLines"]}
    assert (lines["30217"]["name"], lines["30217"]["standardName"]) == ("公务招待费", "公务接待费")
    assert (lines["30314"]["name"], lines["30314"]["standardName"]) == ("职工住宅取暖费", None)
    assert lines["30314"]["parent"] == {"code": "303", "name": "对个人和家庭的补助"}
    rows = await store.read("function_classes_by_code", {"ids": ["208", "20801"]})
    assert sorted((r["item"]["code"], r["item"]["name"]) for r in rows) == [
        ("208", "社会保障和就业支出"), ("20801", "人力资源和社会保障管理事务")]


async def test_reloading_keeps_one_node_and_one_link_per_class(store: GraphStore) -> None:
    first = await load(store, hejing(), read_document(seed(3)))
    again = await load(store, hejing(), read_document(seed(3)))
    assert again == first
    rows = await store.read("function_classes_by_code", {"ids": ["208", "20801", "205", "20508", "2050803"]})
    assert {r["item"]["code"] for r in rows} == {"208", "20801", "205", "20508", "2050803"}
    klass = (await execute(store, FUNCTION_CLASS, code="208"))["functionClass"]
    codes = [c["code"] for c in klass["children"]]
    assert {"20801", "20805", "20806"} <= set(codes) and len(codes) == len(set(codes))  # one PART_OF each
