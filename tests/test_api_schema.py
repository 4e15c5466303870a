"""The exported schema: current, and a superset of the acceptance contract."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from graphql import build_schema, parse, validate

from app.api.export import sdl
from app.api.schema import schema
from app.playground import example_tabs
from tests.corpus import SHARED

ROOT = Path(__file__).resolve().parents[1]
CONTRACT_CHECK = SHARED / "tools" / "check_contract.py"


def test_exported_schema_is_current() -> None:
    exported = (ROOT / "schema.graphql").read_text(encoding="utf-8")
    assert exported == sdl(), "schema.graphql is stale: run `make schema` (python -m app.api.export schema.graphql)"


def test_served_schema_contains_the_acceptance_contract(tmp_path: Path) -> None:
    (tmp_path / "schema.graphql").write_text(sdl(), encoding="utf-8")
    check = subprocess.run([sys.executable, str(CONTRACT_CHECK), str(tmp_path / "schema.graphql")],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout


def test_every_node_type_is_described() -> None:
    """Descriptions are the schema's documentation in GraphiQL: every node family has one."""
    served = build_schema(sdl())
    for name in ("Region", "Unit", "Department", "BudgetDocument", "FunctionLine", "FunctionClass", "EconomicLine",
                 "Project", "AllocationItem", "Indicator", "Policy", "DataQualityFinding", "SourceRef", "LoadRun",
                 "DocumentKind", "FunctionLevel"):
        described = served.get_type(name)
        assert described is not None and described.description, f"{name} has no description"


def test_playground_examples_are_valid_queries() -> None:
    """The preloaded GraphiQL tabs must run against the schema they are served with."""
    tabs = example_tabs()
    assert len(tabs) >= 8
    for tab in tabs:
        assert validate(schema._schema, parse(tab["query"])) == [], tab["query"][:60]


def readme_queries() -> list[str]:
    """Every GraphQL query the README shows: its ```graphql blocks and its `kg query '...'` lines."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```graphql\n(.*?)```", text, flags=re.S)
    commands = re.findall(r"kg query '(.*?)'", text, flags=re.S)
    return blocks + [c for c in commands if c != "GRAPHQL"]


def test_readme_queries_are_valid_queries() -> None:
    """A reader copies them: they must run against the schema the service serves."""
    queries = readme_queries()
    assert len(queries) >= 8
    for query in queries:
        assert validate(schema._schema, parse(query)) == [], query[:80]
