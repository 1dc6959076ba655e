"""The corpus: analyzed articles stored in DuckDB, and what links them.

Example::

    >>> from zufolge.corpus import Store
    >>> with Store("news.duckdb") as store: ...   # doctest: +SKIP
"""

from .store import SCHEMA_VERSION, TABLES, AddResult, Store

__all__ = ["SCHEMA_VERSION", "TABLES", "AddResult", "Store"]
