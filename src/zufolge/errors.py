"""The one error tree. Every error has a stable ``code`` that the CLI, the
store's ``rejected`` table and the HTTP API show unchanged.

Example::

    >>> raise EmptyInput("no body text")      # doctest: +SKIP
    zufolge.errors.EmptyInput: [empty] no body text
"""

from __future__ import annotations


class ZufolgeError(Exception):
    """Base of every error zufolge raises."""

    code = "error"

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(ZufolgeError):
    """An input that cannot become an article. Becomes a ``Rejected`` record."""

    code = "bad_input"


class EmptyInput(InputError):
    code = "empty"


class BinaryInput(InputError):
    code = "binary"


class TooLarge(InputError):
    code = "too_large"


class NoBodyText(InputError):
    code = "no_body_text"


class HeadlineOnly(InputError):
    code = "headline_only"


class MalformedRecord(InputError):
    code = "malformed_record"


class TruncatedArchive(InputError):
    code = "truncated_archive"


class UnsupportedFormat(InputError):
    code = "unsupported_format"


class StageError(ZufolgeError):
    """A stage failed on an article. The article is rejected, the batch goes on."""

    code = "stage_failed"


class StoreError(ZufolgeError):
    code = "store"


class StoreVersionError(StoreError):
    code = "store_version"


class MissingExtra(ZufolgeError, ImportError):
    """An optional part is not installed; the message says which extra to install."""

    code = "missing_extra"

    def __init__(self, extra: str, module: str) -> None:
        super().__init__(f"{module} is not installed: pip install 'zufolge[{extra}]'")
        self.extra = extra


class NotFound(ZufolgeError):
    code = "not_found"


class UsageError(ZufolgeError):
    code = "usage"
