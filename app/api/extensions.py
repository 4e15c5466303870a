"""Several schema extensions run as one: strawberry sets each extension up again for every request and every
stage of it (operation, parsing, validation, execution: a hook looked up, wrapped in a context manager and
entered on an exit stack per extension and stage): for the API's three (``ValidateOnce``, ``CostLimiter``,
``MaskInternalErrors``) ~0.1 M instructions a request, a tenth of a ``{ __typename }`` request through the
app (benchmarks/bench_api_layer.py: 1.06 → 0.96 M).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

from strawberry.extensions import SchemaExtension


def _started(hook: AsyncIterator[None] | Iterator[None]) -> Iterator[None]:
    """A part's hook, run here synchronously: an async one cannot be."""
    if not isinstance(hook, Iterator):
        raise TypeError("an async extension hook cannot run inside Together")
    next(hook)
    return hook


def _finished(hook: Iterator[None]) -> None:
    for _ in hook:
        pass


class Together(SchemaExtension):
    """``parts`` as one extension, in their order: each part's ``on_operation`` around the operation; each
    part's ``on_parse``, then each part's ``on_validate``, run through as the operation starts, before
    strawberry parses: a part that parses sets the document (strawberry then parses it no more), one that
    validates sets ``pre_execution_errors`` (strawberry then validates no more). So the parts' parse and
    validation hooks must do their work before their ``yield`` (nothing after it), and none may hook
    execution or resolvers (checked); a part's ``on_stream_result`` is not run (the schema streams nothing:
    no ``@defer``/``@stream``)."""

    def __init__(self, *parts: SchemaExtension) -> None:
        for part in parts:
            for hook in ("on_execute", "resolve"):
                if getattr(type(part), hook) is not getattr(SchemaExtension, hook):
                    raise TypeError(f"{type(part).__name__}.{hook} cannot run inside Together")
        self.parts = parts

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        around = []
        for part in self.parts:
            part.execution_context = context
            if type(part).on_operation is not SchemaExtension.on_operation:
                around.append(_started(part.on_operation()))
        for stage in ("on_parse", "on_validate"):
            for part in self.parts:
                if getattr(type(part), stage) is not getattr(SchemaExtension, stage):
                    _finished(_started(getattr(part, stage)()))
        yield
        for hook in reversed(around):
            _finished(hook)

    def get_results(self) -> dict[str, Any]:
        results: dict[str, Any] = {}
        for part in self.parts:
            results.update(part.get_results())  # type: ignore[arg-type]  # the parts' are not awaitable
        return results
