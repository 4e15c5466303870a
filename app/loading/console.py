"""How a load shows itself: a progress bar for a person at a terminal, JSON lines for cron,
systemd or a container log collector."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from typing import Any, Literal, TextIO

from app.loading.report import FileOutcome, LoadReport, Status

LogFormat = Literal["auto", "text", "json"]


class TextConsole:
    """A one-line progress bar redrawn in place; failures on their own lines."""

    def __init__(self, stream: TextIO, dry_run: bool = False) -> None:
        self.stream = stream
        self.dry_run = dry_run
        self.interactive = stream.isatty()

    def file(self, done: int, total: int, outcome: FileOutcome) -> None:
        if outcome.status == Status.FAILED:
            self._clear()
            print(f"error: {outcome.path}: {outcome.reason}", file=self.stream)
        elif not self.interactive:
            would = "would be " if self.dry_run else ""
            print(f"[{done}/{total}] {would}{outcome.status.value} {outcome.path}", file=self.stream)
        if self.interactive:
            width = 30
            filled = width * done // max(total, 1)
            print(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {outcome.status.value:<10}",
                end="",
                file=self.stream,
                flush=True,
            )

    def run(self, report: LoadReport) -> None:
        self._clear()

    def upgrade(self, line: str) -> None:
        """A line of the graph's upgrade (app/loading/upgrade.py), before the load."""
        print(line, file=self.stream, flush=True)

    def _clear(self) -> None:
        if self.interactive:
            print("\r\033[K", end="", file=self.stream)


class JsonConsole:
    """One JSON object per line: an event per file and one per run."""

    def __init__(self, stream: TextIO, dry_run: bool = False) -> None:
        self.stream = stream
        self.dry_run = dry_run

    def _emit(self, event: str, **fields: Any) -> None:
        line = {
            "ts": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "event": event,
            "dryRun": self.dry_run,
            **fields,
        }
        print(json.dumps(line, ensure_ascii=False), file=self.stream, flush=True)

    def file(self, done: int, total: int, outcome: FileOutcome) -> None:
        self._emit(
            "file",
            level="error" if outcome.status == Status.FAILED else "info",
            done=done,
            total=total,
            path=outcome.path,
            status=outcome.status.value,
            reason=outcome.reason,
            document=outcome.document_id,
            projects=outcome.projects,
        )

    def run(self, report: LoadReport) -> None:
        self._emit("run", level="error" if report.failed else "info", **report.record())

    def upgrade(self, line: str) -> None:
        self._emit("upgrade", level="warning" if line.lstrip().startswith("warning:") else "info", message=line.strip())


def console(fmt: LogFormat, dry_run: bool, stream: TextIO = sys.stderr) -> TextConsole | JsonConsole:
    """``auto``: text on a terminal, JSON lines otherwise."""
    if fmt == "json" or (fmt == "auto" and not stream.isatty()):
        return JsonConsole(stream, dry_run)
    return TextConsole(stream, dry_run)
