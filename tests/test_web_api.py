"""The JSON API and the pages of ``zufolge serve``, through FastAPI's TestClient.

The store holds hand-made articles (zufolge.web.sample): every layer present,
plus a hostile article with markup in every field.
"""

from __future__ import annotations

import hashlib
import re

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient

from zufolge.schema import Article
from zufolge.web.app import create_app
from zufolge.web.sample import DE_ID, EN_ID, HOSTILE_ID, build_sample_store, sample_articles

PAGES = ["/", "/search", "/search?q=Donezk&lang=de", f"/articles/{DE_ID}", f"/articles/{EN_ID}",
         f"/articles/{HOSTILE_ID}", "/entities/Q423", "/entities/MEDIA%3ATV%20Chosun",
         f"/claims/{DE_ID}/c2", f"/claims/{DE_ID}/c1", "/timeline", "/timeline?actor=Q423", "/analyze", "/docs"]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_sample_store(tmp_path_factory.mktemp("web") / "store.duckdb")


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db, max_analyze_bytes=50_000))


def _error(r, status: int, code: str | None = None) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    if code:
        assert body["error"]["code"] == code
    return body["error"]


# -- articles ---------------------------------------------------------------

def test_list_articles(client):
    body = client.get("/api/articles").json()
    assert body["total"] == 3
    assert [a["id"] for a in body["articles"]] == [DE_ID, EN_ID, HOSTILE_ID]  # newest first
    first = body["articles"][0]
    assert {"id", "url", "outlet", "language", "published", "title", "snippet"} <= set(first)


@pytest.mark.parametrize("query,expected", [
    ("q=Pioniere", [DE_ID]),
    ("q=pioniere", [DE_ID]),  # case-insensitive
    ("q=North%20Korea", [EN_ID]),
    ("lang=en", [EN_ID]),
    ("outlet=Beispielblatt", [DE_ID]),
    ("from=2024-06-20&to=2024-06-20", [EN_ID]),
    ("from=2024-06-02", [DE_ID, EN_ID]),
    ("to=2024-06", [DE_ID, EN_ID, HOSTILE_ID]),  # a month as upper bound includes all its days
    ("entity=Q423", [DE_ID, EN_ID]),
    ("entity=MEDIA%3ATV%20Chosun", [DE_ID]),
    ("source=TV%20Chosun", [DE_ID]),
    ("source=government%20official", [EN_ID, DE_ID][::-1]),
    ("certainty=doubtful", [DE_ID]),
    ("q=%25", []),  # LIKE wildcards are literal
    ("q=%27%3B%20DROP%20TABLE%20articles%3B%20--", []),
])
def test_article_filters(client, query, expected):
    body = client.get(f"/api/articles?{query}").json()
    assert [a["id"] for a in body["articles"]] == expected
    assert body["total"] == len(expected)


def test_pagination(client):
    page1 = client.get("/api/articles?limit=2&offset=0").json()
    page2 = client.get("/api/articles?limit=2&offset=2").json()
    empty = client.get("/api/articles?limit=2&offset=10").json()
    assert len(page1["articles"]) == 2 and len(page2["articles"]) == 1
    assert page1["total"] == page2["total"] == empty["total"] == 3 and empty["articles"] == []


@pytest.mark.parametrize("query", ["limit=0", "limit=201", "offset=-1", "offset=100001", "from=yesterday",
                                   "to=2024-6-1", "lang=german", "certainty=sure", "q=" + "x" * 201,
                                   "limit=ten"])
def test_bad_params_are_422(client, query):
    _error(client.get(f"/api/articles?{query}"), 422, "bad_params")


def test_article_json_is_the_stored_doc(client):
    by_id = {a.id: a for a in sample_articles()}
    for aid in (DE_ID, EN_ID, HOSTILE_ID):
        doc = client.get(f"/api/articles/{aid}").json()
        assert Article.from_dict(doc) == by_id[aid]


def test_unknown_ids_are_404(client):
    _error(client.get("/api/articles/nope"), 404, "not_found")
    _error(client.get("/articles/nope"), 404, "not_found")
    _error(client.get(f"/claims/{DE_ID}/c99"), 404, "not_found")
    _error(client.get("/api/entities/Q999999"), 404, "not_found")
    _error(client.get("/api/entities/not-a-key"), 404, "not_found")
    _error(client.get("/nowhere"), 404, "not_found")


def test_error_page_for_browsers(client):
    r = client.get("/articles/nope", headers={"accept": "text/html"})
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    assert "not_found" in r.text
    # the API stays JSON even for browsers
    _error(client.get("/api/articles/nope", headers={"accept": "text/html"}), 404, "not_found")


# -- claims, events, entities --------------------------------------------------

def test_claims_api(client):
    body = client.get("/api/claims?source=ISW").json()
    assert [(c["article_id"], c["claim_id"]) for c in body["claims"]] == [(DE_ID, "c2")]
    c2 = body["claims"][0]
    assert c2["chain"] == ["author", "e5", "e6", "anon:government official"]
    assert c2["chain_names"] == ["author", "Institute for the Study of War", "TV Chosun",
                                 "anon:government official"]
    assert client.get("/api/claims?certainty=possible").json()["total"] == 1
    assert client.get("/api/claims?q=Br%C3%BCcken").json()["claims"][0]["claim_id"] == "c3"
    # entity: in the chain, or named in the content
    tv = {(c["article_id"], c["claim_id"]) for c in
          client.get("/api/claims?entity=MEDIA%3ATV%20Chosun").json()["claims"]}
    assert tv == {(DE_ID, "c2"), (DE_ID, "c3"), (DE_ID, "c5")}
    nk = {(c["article_id"], c["claim_id"]) for c in client.get("/api/claims?entity=Q423").json()["claims"]}
    assert (DE_ID, "c5") in nk and (EN_ID, "c3") in nk and (DE_ID, "c2") not in nk


def test_claim_detail_with_cluster(client):
    body = client.get(f"/api/claims/{DE_ID}/c1").json()
    assert body["claim"]["cue"]["text"] == "Berichten zufolge"
    cluster = body["cluster"]
    assert [(k["article_id"], k["claim_id"], k["is_origin"]) for k in cluster] == [
        (EN_ID, "c3", True), (DE_ID, "c1", False)]
    chain = client.get(f"/api/claims/{DE_ID}/c2").json()["chain"]
    assert [link["kind"] for link in chain] == ["author", "entity", "entity", "anonymous"]


def test_events_api(client):
    body = client.get("/api/events").json()
    assert body["total"] == 3
    assert [e["date"] for e in body["events"]] == ["2024-06", "2024-07", "2024-08-01"]
    assert {e["actor_key"] for e in body["events"]} == {"Q423"}
    assert client.get("/api/events?type=OTHER").json()["total"] == 1
    assert client.get("/api/events?from=2024-07&to=2024-07").json()["events"][0]["modality"] == "planned"
    assert client.get("/api/events?actor=Q30").json()["total"] == 0
    _error(client.get("/api/events?type=DROP%20TABLE"), 422)


def test_entity_api(client):
    e = client.get("/api/entities/Q423").json()
    assert e["name"] == "North Korea" and e["wikidata"] == "Q423" and e["article_count"] == 2
    assert {(c["article_id"], c["claim_id"]) for c in e["about"]} >= {(DE_ID, "c5"), (EN_ID, "c1")}
    assert {v["role"] for v in e["events"]} == {"actor"}
    tv = client.get("/api/entities/MEDIA:TV%20Chosun").json()
    assert [c["claim_id"] for c in tv["says"]] == ["c5"]
    loc = client.get("/api/entities/LOC%3ADonetsk%20Oblast").json()
    assert loc["article_count"] == 2 and {v["role"] for v in loc["events"]} == {"target"}


def test_overview(client):
    o = client.get("/api/overview").json()
    assert o["counts"]["articles"] == 3 and o["counts"]["claims"] == 10
    assert o["entities"][0]["key"] in ("Q423", "LOC:Donetsk Oblast")


# -- analyze -------------------------------------------------------------------

def test_analyze_json_text_and_html(client):
    text = "Die Regierung plant laut einem Bericht neue Gesetze."
    doc = client.post("/api/analyze", json={"text": text, "raw": True}).json()
    assert doc["text"] == text and doc["language"] == "de"
    plain = client.post("/api/analyze", content=text.encode(), headers={"content-type": "text/plain"}).json()
    assert plain["language"] == "de"
    html = "<html><body><article><p>" + text + "</p></article></body></html>"
    assert client.post("/api/analyze", content=html.encode(),
                       headers={"content-type": "text/html"}).status_code in (200, 422)


def test_analyze_routes_html_to_the_cleaner(client, monkeypatch):
    import zufolge

    seen = []

    def fake_analyze(record, lang=None, url=None, raw=False):
        seen.append((record, lang, raw))
        return Article(id="x", text="ok")

    monkeypatch.setattr(zufolge, "analyze", fake_analyze)
    assert client.post("/api/analyze", json={"html": "<p>a</p>", "lang": "en"}).json()["text"] == "ok"
    assert client.post("/api/analyze", content=b"<p>b</p>", headers={"content-type": "text/html"}).status_code == 200
    assert client.post("/api/analyze?lang=de", content=b"c", headers={"content-type": "text/plain"}).status_code == 200
    assert seen == [({"html": "<p>a</p>", "lang": "en"}, None, False), ({"html": "<p>b</p>", "lang": None}, None, False),
                    ("c", "de", False)]


def test_analyze_limits_and_bad_bodies(client):
    _error(client.post("/api/analyze", json={"text": "x" * 60_000}), 413, "too_large")

    def chunks():  # no content-length: the limit must hold while streaming
        for _ in range(20):
            yield b"y" * 5_000

    _error(client.post("/api/analyze", content=chunks(), headers={"content-type": "text/plain"}), 413)
    _error(client.post("/api/analyze", json={"text": "   "}), 422)
    _error(client.post("/api/analyze", content=b"{not json", headers={"content-type": "application/json"}), 422)
    _error(client.post("/api/analyze", json={"text": "a", "html": "b"}), 422, "usage")
    _error(client.post("/api/analyze", json=["a"]), 422, "usage")
    _error(client.post("/api/analyze", json={"text": "Hallo Welt", "lang": "xx"}), 422)
    _error(client.post("/api/analyze", content=b"a", headers={"content-type": "image/png"}), 422)
    _error(client.get("/api/analyze"), 405)


def test_analyze_form_renders_a_page(client):
    r = client.post("/analyze", data={"text": "Der Minister sagte, die Lage sei ernst. <script>x()</script>",
                                      "lang": "de"})
    assert r.status_code == 200 and "not stored" in r.text
    assert "<script>x()" not in r.text and "&lt;script&gt;x()" in r.text


# -- pages, safety -------------------------------------------------------------

@pytest.mark.parametrize("path", PAGES)
def test_pages_render_without_outside_urls(client, path):
    r = client.get(path, headers={"accept": "text/html"})
    assert r.status_code == 200, r.text[:500]
    assert "text/html" in r.headers["content-type"]
    assert "default-src 'self'" in r.headers["content-security-policy"]
    # every src/href is local (an article's own http(s) link to its original is the one exception)
    for attr, url in re.findall(r'\b(src|href|action)="([^"]*)"', r.text):
        assert url.startswith(("/", "#")) or (attr == "href" and url.startswith("https://example.")), url
    assert "<script>" not in r.text.replace('<script src="/static/app.js" defer></script>', "")


def test_hostile_article_is_escaped(client):
    html = client.get(f"/articles/{HOSTILE_ID}").text
    assert "window.__xss" in html  # the text is there, as text …
    for bad in ("<script>window", "<img src=x", "<b onmouseover", 'href="javascript:', "<ok>", "</textarea>"):
        assert bad not in html, bad  # … but never as markup
    assert "&lt;script&gt;window.__xss = &#34;title&#34;&lt;/script&gt;" in html
    assert "&lt;ok&gt;" in html and "&amp; bleibe" in html
    assert "javascript:window.__xss = 6" in html  # the bad url is shown, not linked


def test_docs_are_served_offline(client):
    r = client.get("/docs")
    assert r.status_code == 200 and "/api/articles" in r.text and "cdn" not in r.text.lower()
    spec = client.get("/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/claims", "/api/events",
                 "/api/entities/{key}", "/api/analyze"):
        assert path in spec["paths"], path


@pytest.mark.parametrize("path", ["/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
                                  "/static/..%2f..%2fapp.py", "/static/../app.py"])
def test_no_path_traversal(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert "root:" not in r.text and "create_app" not in r.text


def test_static_files(client):
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/app.js").status_code == 200


def test_store_is_never_written(db):
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    app = create_app(db)
    c = TestClient(app)
    for path in PAGES:
        c.get(path)
    import duckdb

    with app.state.reader.cursor() as cur, pytest.raises(duckdb.Error):
        cur.execute("CREATE TABLE x (a INTEGER)")
    app.state.reader.close()
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_missing_store_and_layers(tmp_path):
    from zufolge.corpus.store import Store
    from zufolge.errors import NotFound

    with pytest.raises(NotFound):
        create_app(tmp_path / "missing.duckdb")
    # an article with no layers at all: the page shows the text and nothing else
    db = tmp_path / "bare.duckdb"
    with Store(db) as store:
        store.add([Article(id="bare", text="Nur ein Titel\n\nUnd ein Absatz.", title="Nur ein Titel")])
    c = TestClient(create_app(db))
    html = c.get("/articles/bare").text
    assert "Und ein Absatz." in html
    assert 'id="claims"' not in html and "Entities" not in html and "banner" not in html
    assert c.get("/api/events").json() == {"events": [], "total": 0, "limit": 100, "offset": 0}
