"""The ``kg`` command: load files, serve the API, run a query, print the schema."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from app.settings import get_settings


def _print_progress(done: int, total: int, outcome: object) -> None:
    from app.ingest import FileOutcome

    assert isinstance(outcome, FileOutcome)
    if outcome.status == "failed":
        print(f"error: {outcome.path}: {outcome.reason}", file=sys.stderr)
    else:
        print(f"[{done}/{total}] loaded {outcome.path} ({outcome.projects} projects)", file=sys.stderr)


async def _load(paths: list[Path], workers: int | None) -> int:
    from app.ingest import load_paths
    from app.store import open_store

    missing = [p for p in paths if not p.exists()]
    for p in missing:
        print(f"error: {p}: no such file or folder", file=sys.stderr)
    async with open_store(get_settings()) as store:
        report = await load_paths(store, [p for p in paths if p.exists()], workers=workers,
                                  progress=_print_progress)
    print(f"{len(report.loaded)} loaded, {len(report.failed) + len(missing)} failed in {report.seconds:.2f}s; "
          f"graph: {report.nodes} nodes, {report.relationships} relationships")
    return 1 if report.failed or missing else 0


async def _query(text: str, variables: dict[str, object] | None) -> int:
    from app.api import schema
    from app.api.context import Context
    from app.store import open_store

    async with open_store(get_settings()) as store:
        result = await schema.execute(text, variable_values=variables, context_value=Context(store=store))
    response: dict[str, object] = {"data": result.data}
    if result.errors:
        response["errors"] = [e.formatted for e in result.errors]
    print(json.dumps(response, ensure_ascii=False, indent=2))
    return 1 if result.errors else 0


def _serve(host: str, port: int) -> int:
    import uvicorn

    from app.service import create_app

    print(f"GraphQL (GraphiQL in a browser): http://{host}:{port}/graphql", file=sys.stderr)
    uvicorn.run(create_app(get_settings()), host=host, port=port)
    return 0


def _schema() -> int:
    from app.api import schema

    print(schema.as_str())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description="Knowledge graph of Chinese budget disclosures.")
    sub = parser.add_subparsers(dest="command", required=True)
    load = sub.add_parser("load", help="load disclosure files or folders into the store")
    load.add_argument("paths", nargs="+", type=Path)
    load.add_argument("--workers", type=int, default=None, help="parsing processes (default: number of cores)")
    serve = sub.add_parser("serve", help="serve GraphQL (GraphiQL at /graphql)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    query = sub.add_parser("query", help="run a GraphQL query and print the JSON response")
    query.add_argument("query")
    query.add_argument("--variables", type=json.loads, default=None, help="variables as a JSON object")
    sub.add_parser("schema", help="print the GraphQL schema (SDL)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "load":
            return asyncio.run(_load(args.paths, args.workers))
        if args.command == "query":
            return asyncio.run(_query(args.query, args.variables))
        if args.command == "serve":
            return _serve(args.host, args.port)
        return _schema()
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a one-line message, not a traceback, for operators
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
