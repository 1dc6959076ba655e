"""The web UI and JSON API over a zufolge store (``zufolge serve``; needs the ``web`` extra).

Example::

    >>> from zufolge.web import create_app      # doctest: +SKIP
    >>> app = create_app("news.duckdb")          # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app", "serve"]


def __getattr__(name: str) -> Any:
    # Import FastAPI only when the app is wanted, so `import zufolge.web` is cheap.
    if name in __all__:
        from . import app

        return getattr(app, name)
    raise AttributeError(name)
