"""The one error type a reader or extractor raises for a file it cannot take."""

from __future__ import annotations


class DocumentError(Exception):
    """A file that cannot be loaded, with its path and a reason a person can act on."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type[DocumentError], tuple[str, str]]:
        # Parsing runs in worker processes; the error must cross back intact.
        return (DocumentError, (self.path, self.reason))
