"""``zufolge serve``: the web UI and JSON API over a zufolge store.

Read-only: the store is opened with ``read_only=True`` and nothing here writes.
Every page has a JSON twin under ``/api``; every error, in either, has the one
shape ``{"error": {"code": "...", "message": "..."}}`` (a browser asking for
HTML gets the same code and message as a page). Pages load nothing from
outside: styles, script and the API docs at ``/docs`` are served locally.

Example::

    >>> from zufolge.web.app import create_app
    >>> app = create_app("news.duckdb")            # doctest: +SKIP
    >>> serve("news.duckdb", port=8000)            # doctest: +SKIP
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qs, quote

try:
    import jinja2
    from fastapi import FastAPI, Query, Request
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import HTMLResponse, JSONResponse, Response
    from fastapi.staticfiles import StaticFiles
    from fastapi.templating import Jinja2Templates
    from starlette.concurrency import run_in_threadpool
    from starlette.exceptions import HTTPException as StarletteHTTPException
except ImportError as exc:  # pragma: no cover - depends on the install
    from ..errors import MissingExtra

    raise MissingExtra("web", exc.name or "fastapi") from exc

from .. import __version__
from ..errors import InputError, NotFound, StoreError, TooLarge, UsageError, ZufolgeError
from ..schema import Article
from .reader import ArticleFilter, StoreReader, parse_entity_key
from .render import chain_links, chain_svg, entity_href, highlight, safe_url, timeline_layout

__all__ = ["MAX_ANALYZE_BYTES", "create_app", "serve"]

HERE = Path(__file__).resolve().parent
#: The largest body POST /api/analyze and the upload form accept (bytes).
MAX_ANALYZE_BYTES = 2_000_000
MAX_LIMIT = 200
MAX_OFFSET = 100_000

_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_LEVELS = ("asserted", "reported", "expected", "possible", "doubtful", "denied")
_LEVEL = "^(" + "|".join(_LEVELS) + ")$"
_MODALITIES = ("occurred", "ongoing", "planned", "expected", "possible", "hypothetical", "negated")

Q = Annotated[str | None, Query(max_length=200, description="text to look for")]
Lang = Annotated[str | None, Query(pattern=r"^[a-z]{2,3}$", description="ISO 639-1 language")]
Outlet = Annotated[str | None, Query(max_length=200)]
From = Annotated[str | None, Query(alias="from", pattern=_DATE, description="YYYY[-MM[-DD]], inclusive")]
To = Annotated[str | None, Query(alias="to", pattern=_DATE, description="YYYY[-MM[-DD]], inclusive")]
EntityKey = Annotated[str | None, Query(max_length=300, description="entity key: Q423 or TYPE:name")]
Source = Annotated[str | None, Query(max_length=200, description="text in the source mention")]
Level = Annotated[str | None, Query(pattern=_LEVEL, description="certainty level")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
Page = Annotated[int, Query(ge=1, le=MAX_OFFSET // 20)]
EventType = Annotated[str | None, Query(max_length=60, pattern=r"^[A-Za-z_]+$")]

_STATUS = {"not_found": 404, "too_large": 413, "usage": 422, "bad_params": 422}

_SECURITY_HEADERS = {
    # Nothing from elsewhere, no inline script: article text can never run.
    "Content-Security-Policy": ("default-src 'self'; script-src 'self'; style-src 'self'; "
                                "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                                "form-action 'self'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")),
                             autoescape=True, undefined=jinja2.ChainableUndefined)
    env.filters["q"] = lambda s: quote(str(s), safe="")
    env.filters["entity_href"] = entity_href
    env.filters["safe_url"] = safe_url
    env.globals["version"] = __version__
    env.globals["levels"] = _LEVELS
    env.globals["modalities"] = _MODALITIES
    return Jinja2Templates(env=env)


def _wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith("/api/") or path == "/openapi.json":
        return False
    return "text/html" in request.headers.get("accept", "")


def create_app(db_path: str | os.PathLike[str], max_analyze_bytes: int = MAX_ANALYZE_BYTES) -> FastAPI:
    """The FastAPI app over the store at ``db_path`` (opened read-only; must exist)."""
    reader = StoreReader(db_path)
    templates = _templates()
    app = FastAPI(title="zufolge", version=__version__, docs_url=None, redoc_url=None,
                  description="Who says what, through whom, how sure: a read-only view of a zufolge store.")
    app.state.reader = reader
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def page(request: Request, name: str, ctx: dict[str, Any], status: int = 200) -> HTMLResponse:
        return templates.TemplateResponse(request, name, ctx, status_code=status)

    def error(request: Request, status: int, code: str, message: str) -> Response:
        if _wants_html(request):
            return page(request, "error.html", {"status": status, "code": code, "message": message}, status)
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)

    # -- errors: one shape ----------------------------------------------
    @app.exception_handler(ZufolgeError)
    async def _zufolge_error(request: Request, exc: ZufolgeError) -> Response:
        if isinstance(exc, TooLarge):
            return error(request, 413, exc.code, exc.message)
        if isinstance(exc, (InputError, UsageError)):
            return error(request, 422, exc.code, exc.message)
        if isinstance(exc, StoreError):
            return error(request, 503, exc.code, exc.message)
        return error(request, _STATUS.get(exc.code, 500), exc.code, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}.get(exc.status_code, "http")
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return error(request, exc.status_code, code, message)

    @app.exception_handler(RequestValidationError)
    async def _bad_params(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for e in exc.errors()[:5]:
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body"))
            parts.append(f"{where}: {e.get('msg', 'invalid')}" if where else str(e.get("msg", "invalid")))
        return error(request, 422, "bad_params", "; ".join(parts) or "invalid parameters")

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> Response:
        return error(request, 500, "internal", f"internal error ({type(exc).__name__})")

    @app.middleware("http")
    async def _headers(request: Request, call_next):
        response = await call_next(request)
        for k, v in _SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    # -- pages -----------------------------------------------------------
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request):
        return page(request, "index.html", {"o": reader.overview()})

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: Q = None, lang: Lang = None, outlet: Outlet = None,
                    date_from: From = None, date_to: To = None, entity: EntityKey = None,
                    source: Source = None, certainty: Level = None, page_no: Annotated[
                        int, Query(alias="page", ge=1, le=MAX_OFFSET // 20)] = 1):
        flt = ArticleFilter(q, lang, outlet, date_from, date_to, entity, source, certainty)
        per_page = 20
        rows, total = reader.search_articles(flt, limit=per_page, offset=(page_no - 1) * per_page)
        outlets, langs = reader.outlets_and_languages()
        params = {k: v for k, v in {"q": q, "lang": lang, "outlet": outlet, "from": date_from,
                                    "to": date_to, "entity": entity, "source": source,
                                    "certainty": certainty}.items() if v}
        base = "&".join(f"{k}={quote(v, safe='')}" for k, v in params.items())
        return page(request, "search.html", {
            "rows": rows, "total": total, "f": flt, "page": page_no, "per_page": per_page,
            "pages": max(1, -(-total // per_page)), "base": base, "outlets": outlets, "langs": langs})

    @app.get("/articles/{article_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str):
        doc = reader.article_doc(article_id)
        return page(request, "article.html", _article_context(Article.from_dict(doc), stored=True))

    @app.get("/claims/{article_id:path}/{claim_id}", response_class=HTMLResponse, include_in_schema=False)
    def claim_page(request: Request, article_id: str, claim_id: str):
        return page(request, "claim.html", _claim_context(article_id, claim_id))

    @app.get("/entities/{key:path}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, key: str):
        return page(request, "entity.html", {"e": _entity(key)})

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(request: Request, q: Q = None, actor: EntityKey = None, type: EventType = None,
                      date_from: From = None, date_to: To = None):
        rows, total = reader.events(actor=actor, type_=type, date_from=date_from, date_to=date_to, q=q,
                                    dated_only=True, limit=300)
        return page(request, "timeline.html", {
            "rows": rows, "total": total, "layout": timeline_layout(rows), "types": reader.event_types(),
            "f": {"q": q, "actor": actor, "type": type, "from": date_from, "to": date_to}})

    @app.get("/analyze", response_class=HTMLResponse, include_in_schema=False)
    def analyze_form(request: Request):
        return page(request, "analyze.html", {"limit": max_analyze_bytes})

    @app.post("/analyze", response_class=HTMLResponse, include_in_schema=False)
    async def analyze_upload(request: Request):
        body = await _read_limited(request, max_analyze_bytes)
        form = parse_qs(body.decode("utf-8", "replace"), max_num_fields=10)
        text = (form.get("text") or [""])[0]
        lang = (form.get("lang") or [""])[0] or None
        if lang not in (None, "de", "en"):
            raise UsageError("lang must be de, en or empty (auto)")
        article = await run_in_threadpool(_analyze, text, None, lang, False)
        return page(request, "article.html", _article_context(article, stored=False))

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request):
        return page(request, "docs.html", {"spec": app.openapi()})

    # -- JSON API --------------------------------------------------------
    @app.get("/api/overview", tags=["pages"], summary="What / shows: counts, languages, outlets, latest")
    def api_overview():
        return reader.overview()

    @app.get("/api/articles", tags=["articles"], summary="Search articles (what /search shows)")
    def api_articles(q: Q = None, lang: Lang = None, outlet: Outlet = None, date_from: From = None,
                     date_to: To = None, entity: EntityKey = None, source: Source = None,
                     certainty: Level = None, limit: Limit = 20, offset: Offset = 0):
        flt = ArticleFilter(q, lang, outlet, date_from, date_to, entity, source, certainty)
        rows, total = reader.search_articles(flt, limit=limit, offset=offset)
        return {"articles": rows, "total": total, "limit": limit, "offset": offset}

    @app.get("/api/articles/{article_id:path}", tags=["articles"],
             summary="One analyzed article, exactly as stored (the CONTRACT JSON)")
    def api_article(article_id: str):
        return reader.article_doc(article_id)

    @app.get("/api/claims", tags=["claims"], summary="Search claims by content, entity in chain, source")
    def api_claims(q: Q = None, entity: EntityKey = None, source: Source = None, certainty: Level = None,
                   limit: Limit = 50, offset: Offset = 0):
        rows, total = reader.claims(q=q, entity=entity, source=source, certainty=certainty,
                                    limit=limit, offset=offset)
        return {"claims": rows, "total": total, "limit": limit, "offset": offset}

    @app.get("/api/claims/{article_id:path}/{claim_id}", tags=["claims"],
             summary="One claim with its chain and its cluster (what /claims/… shows)")
    def api_claim(article_id: str, claim_id: str):
        ctx = _claim_context(article_id, claim_id)
        return {"article_id": article_id, "claim": ctx["claim"].to_dict(),
                "chain": [{k: v for k, v in link.items() if k != "href"} for link in ctx["links"]],
                "cluster": ctx["cluster"]}

    @app.get("/api/events", tags=["events"], summary="Events by actor, type, date (what /timeline shows)")
    def api_events(actor: EntityKey = None, type: EventType = None, date_from: From = None,
                   date_to: To = None, q: Q = None, limit: Limit = 100, offset: Offset = 0):
        rows, total = reader.events(actor=actor, type_=type, date_from=date_from, date_to=date_to, q=q,
                                    limit=limit, offset=offset)
        return {"events": rows, "total": total, "limit": limit, "offset": offset}

    @app.get("/api/entities/{key:path}", tags=["entities"],
             summary="An entity across the store: what it says, what is said about it, its events")
    def api_entity(key: str):
        return _entity(key)

    @app.post("/api/analyze", tags=["analyze"], summary="Analyze text or HTML (not stored)",
              description=("Body: JSON {\"text\": …} or {\"html\": …} (optional \"lang\", \"raw\"), or the "
                           f"text itself as text/plain or text/html. At most {max_analyze_bytes} bytes, "
                           "else 413."),
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": {"type": "object", "properties": {
                      "text": {"type": "string"}, "html": {"type": "string"},
                      "lang": {"type": "string", "enum": ["de", "en"]}, "raw": {"type": "boolean"}}}},
                  "text/plain": {"schema": {"type": "string"}},
                  "text/html": {"schema": {"type": "string"}}}}})
    async def api_analyze(request: Request):
        body = await _read_limited(request, max_analyze_bytes)
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        lang = request.query_params.get("lang")
        raw = False
        if ctype == "application/json":
            import orjson

            try:
                data = orjson.loads(body)
            except orjson.JSONDecodeError as exc:
                raise UsageError(f"body is not valid JSON: {exc}") from exc
            if not isinstance(data, dict):
                raise UsageError('body must be a JSON object: {"text": …} or {"html": …}')
            text, html = data.get("text"), data.get("html")
            lang = data.get("lang", lang)
            raw = bool(data.get("raw", False))
            if not isinstance(text or html, str) or (text is not None and html is not None):
                raise UsageError('give exactly one of "text" or "html", as a string')
        elif ctype in ("text/plain", "text/html", ""):
            decoded = body.decode("utf-8", "replace")
            text, html = (None, decoded) if ctype == "text/html" else (decoded, None)
        else:
            raise UsageError(f"unsupported content type {ctype!r}: use application/json, text/plain "
                             "or text/html")
        if lang not in (None, "de", "en"):
            raise UsageError("lang must be de or en (or left out)")
        article = await run_in_threadpool(_analyze, text, html, lang, raw)
        return article.to_dict()

    # -- helpers that need the reader --------------------------------------
    def _entity(key: str) -> dict[str, Any]:
        if parse_entity_key(key) is None:
            raise NotFound(f"no entity {key!r} (an entity key is a Wikidata id like Q423 or TYPE:name)")
        return reader.entity(key)

    def _claim_context(article_id: str, claim_id: str) -> dict[str, Any]:
        article = Article.from_dict(reader.article_doc(article_id))
        claim = next((c for c in article.claims or () if c.id == claim_id), None)
        if claim is None:
            raise NotFound(f"no claim {claim_id!r} in article {article_id!r}")
        ents = {e.id: e for e in article.entities or ()}
        links = chain_links(claim.chain, ents)
        via = next((c for c in article.claims or () if c.id == claim.via), None) if claim.via else None
        return {"a": article, "claim": claim, "card": _claim_card(claim, ents, article.id, True),
                "links": links, "svg": chain_svg(links), "via": via,
                "cluster": reader.claim_cluster(article_id, claim_id)}

    return app


async def _read_limited(request: Request, limit: int) -> bytes:
    """The request body, or TooLarge (413) as soon as it passes ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise TooLarge(f"body of {declared} bytes is over the limit of {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge(f"body is over the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _analyze(text: str | None, html: str | None, lang: str | None, raw: bool) -> Article:
    import zufolge

    source = text if text is not None else html
    if not source or not source.strip():
        raise InputError("nothing to analyze: the text is empty")
    if html is not None:
        return zufolge.analyze({"html": html, "lang": lang})
    return zufolge.analyze(text, lang=lang, raw=raw)


def _claim_card(c, ents: dict[str, Any], article_id: str, stored: bool) -> dict[str, Any]:
    cues = list(c.cue_parts) or ([c.cue] if c.cue else [])
    src = c.source
    if src.anonymous:
        source_label = f"anonymous: {src.anonymous.cls}"
    elif src.mention:
        source_label = src.mention.text
    elif src.entity in ents:
        source_label = ents[src.entity].name
    else:
        source_label = src.kind
    return {
        "id": c.id, "level": c.certainty.level, "hedges": [h.text for h in c.certainty.cues],
        "cue": " … ".join(p.text for p in cues) or None, "source": source_label, "source_kind": src.kind,
        "source_href": (entity_href(_key(ents[src.entity])) if src.entity in ents else None),
        "chain": chain_links(c.chain, ents), "polarity": c.polarity, "mode": c.mode,
        "inherited": c.inherited, "via": c.via, "content": c.content.text, "confidence": c.confidence,
        "href": f"/claims/{quote(article_id, safe='')}/{quote(c.id, safe='')}" if stored else None,
    }


def _key(e) -> str:
    from .reader import entity_key

    return entity_key(e.wikidata, e.type, e.name)


def _article_context(a: Article, stored: bool) -> dict[str, Any]:
    ents = {e.id: e for e in a.entities or ()}
    checks = list(a.checks or ())
    return {
        "a": a, "stored": stored, "blocks": highlight(a).blocks, "url": safe_url(a.url),
        "cards": [_claim_card(c, ents, a.id, stored) for c in a.claims or ()] if a.claims is not None else None,
        "entities": sorted(({"e": e, "href": entity_href(_key(e))} for e in ents.values()),
                           key=lambda x: (-len(x["e"].mentions), x["e"].name)) if a.entities is not None else None,
        "banners": [k for k in checks if k.kind == "headline_overstatement"],
        "checks": [k for k in checks if k.kind != "headline_overstatement"],
        "events": list(a.events) if a.events is not None else None, "ents": ents,
    }


def serve(db: str | os.PathLike[str], host: str = "127.0.0.1", port: int = 8000,
          log_level: str = "warning") -> None:
    """Run the app with uvicorn; binds to 127.0.0.1 unless told otherwise."""
    import uvicorn

    uvicorn.run(create_app(db), host=host, port=port, log_level=log_level)
