"""Write the served schema as SDL, for frontend code generation; a test fails when the
committed ``schema.graphql`` differs from it.

Usage example::

    python -m app.api.export schema.graphql
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from app.api.schema import schema


def sdl() -> str:
    """The schema exactly as the file holds it."""
    return schema.as_str() + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    target = Path(args[0] if args else "schema.graphql")
    target.write_text(sdl(), encoding="utf-8")
    print(f"wrote {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
