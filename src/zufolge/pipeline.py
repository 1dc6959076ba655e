"""Named, versioned stages and the pipeline that runs them.

A stage is a small function ``Article -> Article`` that declares the layers it
needs and the layers it adds. Stages register themselves with ``@stage`` when
their module is imported; the pipeline imports the modules listed in
``STAGE_MODULES`` and keeps those that exist. A stage whose module is not
there yet is simply absent from the output, never faked.

The first stage, ``clean``, is special: it turns a ``RawDocument`` into an
``Article``; every later stage reads what earlier stages added and adds its
own layer (it never edits another stage's layer).

Example::

    >>> from zufolge.pipeline import Pipeline
    >>> p = Pipeline.default()
    >>> [s.name for s in p.stages][:3]
    ['clean', 'language', 'segment']
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .errors import InputError, StageError, UsageError, ZufolgeError
from .schema import Article, RawDocument, Rejected

log = logging.getLogger(__name__)

#: Pipeline order: stage name -> module that registers it.
STAGE_MODULES: dict[str, str] = {
    "clean": "zufolge.clean",
    "language": "zufolge.language",
    "segment": "zufolge.segment",
    "entities": "zufolge.entities",
    "temporal": "zufolge.temporal",
    "quantities": "zufolge.quantities",
    "claims": "zufolge.claims",
    "events": "zufolge.events",
    "checks": "zufolge.checks",
}


@dataclass(frozen=True)
class Stage:
    name: str
    version: str
    run: Callable[..., Article]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    @property
    def tag(self) -> str:
        return f"{self.name}@{self.version}"


_REGISTRY: dict[str, Stage] = {}


def stage(name: str, version: str, requires: Sequence[str] = (), assigns: Sequence[str] = ()):
    """Register a stage function under ``name``.

    ``requires``/``assigns`` name Article fields (layers). Example::

        @stage("claims", "0.1", requires=("sentences", "entities"), assigns=("claims",))
        def claims(article: Article) -> Article: ...
    """

    def register(fn: Callable[..., Article]) -> Callable[..., Article]:
        _REGISTRY[name] = Stage(name, version, fn, tuple(requires), tuple(assigns))
        return fn

    return register


def available_stages() -> dict[str, Stage]:
    """Import every known stage module; return the stages that exist, in order."""
    found: dict[str, Stage] = {}
    for name, module in STAGE_MODULES.items():
        if name not in _REGISTRY:
            try:
                importlib.import_module(module)
            except ModuleNotFoundError as exc:
                if exc.name and (exc.name == module or module.startswith(exc.name + ".")):
                    continue  # stage not installed yet: absent, not faked
                raise
        if name in _REGISTRY:
            found[name] = _REGISTRY[name]
    return found


class Pipeline:
    """An ordered list of stages. ``Pipeline.default()`` uses every installed stage."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        self.stages = list(stages)
        have: set[str] = {"text"}
        for s in self.stages:
            missing = [r for r in s.requires if r not in have]
            if missing and s.name != "clean":
                raise UsageError(f"stage {s.tag} needs {missing}, which no earlier stage adds")
            have.update(s.assigns)

    @classmethod
    def default(cls, only: Iterable[str] | None = None, skip: Iterable[str] = ()) -> Pipeline:
        stages = available_stages()
        names = list(only) if only is not None else list(stages)
        unknown = [n for n in names if n not in stages]
        if unknown:
            raise UsageError(f"unknown or not installed stage(s): {', '.join(unknown)}")
        skip = set(skip)
        return cls([stages[n] for n in STAGE_MODULES if n in names and n not in skip])

    def __call__(self, doc: RawDocument) -> Article:
        """Run every stage on one document. Raises ``InputError`` for bad input."""
        article: Article | None = None
        for s in self.stages:
            try:
                if s.name == "clean":
                    article = s.run(doc)
                else:
                    if article is None:
                        raise UsageError("the first stage must be 'clean'")
                    article = s.run(article)
            except ZufolgeError:
                raise
            except Exception as exc:  # a bug in one stage must not stop a batch
                log.exception("stage %s failed", s.tag)
                raise StageError(f"{s.tag}: {type(exc).__name__}: {exc}") from exc
            article = article.replace(stages=article.stages + (s.tag,))
        assert article is not None
        return article

    def run_safe(self, doc: RawDocument) -> Article | Rejected:
        """Like calling the pipeline, but a bad article becomes a ``Rejected``."""
        from .ingest import document_id

        try:
            return self(doc)
        except (InputError, StageError) as exc:
            return Rejected(doc.id or document_id(doc), exc.code, exc.message, doc.origin)
