"""Loader jobs: incremental, safe to repeat, observable (``kg load``)."""

from __future__ import annotations

from app.loading.lock import LoadLock, LockBusy
from app.loading.report import FileOutcome, LoadReport, Status
from app.loading.runner import LoadOptions, run_load

__all__ = ["FileOutcome", "LoadLock", "LoadOptions", "LoadReport", "LockBusy", "Status", "run_load"]
