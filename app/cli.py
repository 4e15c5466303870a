"""The ``kg`` command: load files, serve the API, run a query, print the schema."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from app.settings import get_settings

KEEP_ALIVE_SECONDS = 75
"""How long `kg serve` keeps an idle HTTP connection open (see _serve)."""

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """``90s``, ``15m``, ``1h``, ``1d`` (or plain seconds) as seconds."""
    value, unit = (text[:-1], text[-1]) if text and text[-1] in _UNITS else (text, "s")
    try:
        seconds = float(value) * _UNITS[unit]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an interval: {text!r} (use e.g. 30s, 15m, 1h)") from None
    if seconds <= 0:
        raise argparse.ArgumentTypeError("the interval must be positive")
    return seconds


def _shard(text: str) -> object:
    from app.loading.files import Shard

    try:
        return Shard.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


async def _load(args: argparse.Namespace) -> int:
    from app.loading import LoadOptions, run_load
    from app.loading.console import console
    from app.store import open_store

    options = LoadOptions(workers=args.workers, prune=args.prune, dry_run=args.dry_run, lock_timeout=args.lock_timeout,
                          shard=args.shard)
    out = console(args.log_format, args.dry_run)
    async with open_store(get_settings(), upgrade=not args.dry_run, say=out.upgrade) as store:
        while True:
            report = await run_load(store, args.paths, options, progress=out.file)
            out.run(report)
            print(report.summary(), flush=True)
            if args.every is None:
                return 1 if report.failed else 0
            await asyncio.sleep(args.every)


async def _query(text: str, variables: dict[str, object] | None) -> int:
    from app.api import schema
    from app.api.context import Context
    from app.store import open_store

    async with open_store(get_settings()) as store:
        result = await schema.execute(text, variable_values=variables, context_value=Context(store=store))
    response: dict[str, object] = {"data": result.data}
    if result.errors:
        response["errors"] = [e.formatted for e in result.errors]
    if result.extensions:
        response["extensions"] = result.extensions
    print(json.dumps(response, ensure_ascii=False, indent=2))
    for error in result.errors or ():  # one line each, no traceback: the response above has the details
        where = f" at {'.'.join(map(str, error.path))}" if error.path else ""
        code = (error.extensions or {}).get("code", "ERROR")
        print(f"error: {code}{where}: {error.message.splitlines()[0]}", file=sys.stderr)
    return 1 if result.errors else 0


async def _transfer(command: str, path: Path) -> int:
    from app.loading.upgrade import upgrade_graph
    from app.store import open_store
    from app.store.factory import say_progress
    from app.store.transfer import export_graph, import_graph

    async with open_store(get_settings()) as store:
        moved = await (export_graph(store, path) if command == "export" else import_graph(store, path))
        verb = "exported from" if command == "export" else "imported into"
        print(f"{moved.nodes} nodes and {moved.relationships} relationships {verb} the {store.name} store",
              file=sys.stderr)
        if command == "import":  # an export of a graph an earlier version wrote
            await upgrade_graph(store, say_progress)
    return 0


async def _upgrade() -> int:
    from app.loading.upgrade import FORMAT, graph_format
    from app.store import open_store

    async with open_store(get_settings()) as store:
        found = await graph_format(store)
    print(f"the {store.name} graph is empty" if found is None else f"the {store.name} graph has format {found} "
          f"(current: {FORMAT})", file=sys.stderr)
    return 0


def _serve(host: str, port: int, workers: int) -> int:
    import os
    import shutil
    import tempfile

    from app.store.embedded_server import EmbeddedFalkorDB

    # The embedded server first: it reads a big graph (seconds) while the app is imported (seconds too).
    # This process stays one of its clients until the service ends; the workers join it.
    settings = get_settings()
    server = EmbeddedFalkorDB(settings.data_dir) if settings.store == "embedded" else None
    if server is not None:
        server.spawn()
    workers = workers or os.cpu_count() or 1
    if workers > 1:  # the workers say ready only when all are (app/readiness.py)
        os.environ.update(KG_SERVE_READY_DIR=tempfile.mkdtemp(prefix="kg-serve-ready-"), KG_SERVE_WORKERS=str(workers))
    try:
        import uvicorn

        print(f"GraphQL (GraphiQL in a browser): http://{host}:{port}/graphql", file=sys.stderr)
        print(f"Explorer (funding, units, projects): http://{host}:{port}/explore/", file=sys.stderr)
        # Each worker process builds its own app (and joins the one embedded server, or its own Neo4j pool).
        # Idle connections are kept 75 s, not uvicorn's 5 s: longer than a load balancer's idle timeout (60 s is
        # common), and a busy loop (uvloop runs due timers before reading) would otherwise close a connection
        # whose next request has already arrived, resetting it (clients saw ReadError under 50-client soaks).
        uvicorn.run("app.service:create_app", factory=True, host=host, port=port,
                    workers=workers, timeout_keep_alive=KEEP_ALIVE_SECONDS)
    finally:
        if server is not None:
            server.stop()
        if ready_dir := os.environ.pop("KG_SERVE_READY_DIR", None):
            shutil.rmtree(ready_dir, ignore_errors=True)
    return 0


def _schema() -> int:
    from app.api import schema

    print(schema.as_str())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description="Knowledge graph of Chinese budget disclosures.")
    sub = parser.add_subparsers(dest="command", required=True)
    load = sub.add_parser("load", help="load disclosure files or folders into the store (incremental)")
    load.add_argument("paths", nargs="+", type=Path)
    load.add_argument("--workers", type=int, default=None, help="parsing processes (default: number of cores)")
    load.add_argument("--prune", action="store_true", help="remove the facts of files that disappeared")
    load.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
    load.add_argument("--shard", type=_shard, default=None, metavar="I/N",
                      help="load shard I of N (by path below the folder): N loaders together load each file once")
    load.add_argument(
        "--every",
        type=parse_interval,
        default=None,
        metavar="INTERVAL",
        help="repeat forever, e.g. --every 1h (for a compose service)",
    )
    load.add_argument(
        "--lock-timeout",
        type=float,
        default=600.0,
        metavar="SECONDS",
        help="how long to wait for another loader to finish (default 600)",
    )
    load.add_argument(
        "--log-format",
        choices=["auto", "text", "json"],
        default="auto",
        help="auto: a progress bar on a terminal, JSON lines otherwise",
    )
    serve = sub.add_parser("serve", help="serve GraphQL (GraphiQL at /graphql) and the explorer (/explore)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1,
                       help="server processes (0: one per core); each holds its own store connections")
    query = sub.add_parser("query", help="run a GraphQL query and print the JSON response")
    query.add_argument("query")
    query.add_argument("--variables", type=json.loads, default=None, help="variables as a JSON object")
    sub.add_parser("schema", help="print the GraphQL schema (SDL)")
    sub.add_parser("upgrade", help="bring a graph an earlier version wrote to the current shape (every command "
                                   "does this first; this does only that, and says the graph's format)")
    export = sub.add_parser("export", help="write the whole graph of the configured store to a JSON-lines file")
    export.add_argument("file", type=Path)
    import_ = sub.add_parser("import", help="create a graph exported by `kg export` in the configured (empty) store")
    import_.add_argument("file", type=Path)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "load":
            return asyncio.run(_load(args))
        if args.command == "query":
            return asyncio.run(_query(args.query, args.variables))
        if args.command in ("export", "import"):
            return asyncio.run(_transfer(args.command, args.file))
        if args.command == "serve":
            return _serve(args.host, args.port, args.workers)
        if args.command == "upgrade":
            return asyncio.run(_upgrade())
        return _schema()
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a one-line message, not a traceback, for operators
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
