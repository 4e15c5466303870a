"""Loaders: a disclosure file in, typed facts out (``read_document``: see ``loaders.pipeline``).

Usage example::

    from loaders import read_document
    facts = read_document("../shared/corpus/seeds/000_169539529834f7d7.txt")
    [p.name for p in facts.projects if p.beneficiary_count]  # the subsidy projects
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from loaders.errors import DocumentError
    from loaders.facts import DocumentFacts
    from loaders.pipeline import read_document

__all__ = ["DocumentError", "DocumentFacts", "read_document"]
# Imported when first used: the API needs only the facts' types (loaders.facts, loaders.stored), and
# the readers of PDF, Word and Excel files would add seconds to a service's start.
# (``extract`` is not among them: a name loaded on first use would be shadowed by the subpackage
# loaders.extract as soon as anything imports it; take it from there.)
_HOMES = {"DocumentError": "loaders.errors", "DocumentFacts": "loaders.facts", "read_document": "loaders.pipeline"}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_HOMES[name]), name)
    globals()[name] = value  # ``extract`` is also the subpackage's name: the function wins, as before
    return value
