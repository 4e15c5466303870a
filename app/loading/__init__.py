"""Loader jobs: incremental, safe to repeat, observable (``kg load``).

The names below are imported on first use: opening a store runs the upgrade (``app.loading.upgrade``),
and a service that never loads should not import the readers of every file format on its way to
ready (0.6–0.8 s at start-up)."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.loading.lock import LoadLock, LockBusy
    from app.loading.report import FileOutcome, LoadReport, Status
    from app.loading.runner import LoadOptions, run_load

_HOME = {"LoadLock": "lock", "LockBusy": "lock", "FileOutcome": "report", "LoadReport": "report",
         "Status": "report", "LoadOptions": "runner", "run_load": "runner"}

__all__ = ["FileOutcome", "LoadLock", "LoadOptions", "LoadReport", "LockBusy", "Status", "run_load"]


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'app.loading' has no attribute {name!r}")
    return getattr(import_module(f"app.loading.{_HOME[name]}"), name)
