"""End-to-end: the web UI in a real browser (Debian's chromium driven by Playwright).

Skips cleanly when /usr/bin/chromium or playwright is missing. The server binds
to 127.0.0.1 on a free port in a thread and is stopped at the end. Screenshots
go to test-artifacts/ (gitignored).
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "fixtures" / "000_b337fd64c27bf3b4.txt"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"),
]
sync_api = pytest.importorskip("playwright.sync_api")
uvicorn = pytest.importorskip("uvicorn")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def seed_doc():
    if not SEED.exists():
        return None
    import zufolge

    return zufolge.analyze(SEED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def base_url(tmp_path_factory, seed_doc):
    from zufolge.web.app import create_app
    from zufolge.web.sample import build_sample_store

    extra = [seed_doc.replace(id="seed")] if seed_doc is not None else []
    db = build_sample_store(tmp_path_factory.mktemp("web") / "store.duckdb", extra=extra)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def chromium_browser():
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield b
        b.close()


@pytest.fixture
def web(chromium_browser):
    context = chromium_browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(5000)
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs  # type: ignore[attr-defined]
    yield pg
    context.close()


def test_article_page_banner_claim_chain_and_entity_link(web, base_url):
    web.goto(f"{base_url}/articles/sample-de-pioniere")
    banner = web.locator(".banner-headline_overstatement")
    assert banner.is_visible()
    assert "overstates" in banner.inner_text()

    # captions are captions, with their credit
    assert "Kim Jong Un besichtigt" in web.locator("figure.caption figcaption").inner_text()

    claim = web.locator('#text .claim[data-claim="c2"]').first
    assert claim.is_visible()
    assert web.locator('#text .cue[data-claim="c2"]').inner_text() == "laut"
    claim.hover()
    pop = web.locator("#popover")
    pop.wait_for(state="visible")
    chain = pop.locator(".chain").inner_text()
    assert "Institute for the Study of War" in chain and "TV Chosun" in chain
    assert "anonymous: government official" in chain
    assert chain.index("author") < chain.index("Institute") < chain.index("TV Chosun") < chain.index("anonymous")
    web.screenshot(path=str(ARTIFACTS / "article_claim_popover.png"), full_page=True)

    link = web.locator('#text a.ent[href="/entities/Q423"]').first
    assert link.inner_text() == "Nordkorea"
    link.click()
    web.wait_for_url("**/entities/Q423")
    assert web.locator("h1.entity-name").inner_text() == "North Korea"
    assert web.locator(".qid").first.inner_text() == "Q423"
    web.screenshot(path=str(ARTIFACTS / "entity_north_korea.png"), full_page=True)


def test_claim_page_draws_the_chain(web, base_url):
    web.goto(f"{base_url}/claims/sample-de-pioniere/c2")
    labels = web.locator("svg.chain-graph .node-label").all_text_contents()
    assert labels[0].startswith("author") and labels[-1] == "anonymous: government official"
    assert web.locator("svg.chain-graph .node-anonymous").count() == 1
    web.goto(f"{base_url}/claims/sample-de-pioniere/c1")
    assert web.locator("span.badge.origin").count() == 1  # the cluster's earliest report
    web.screenshot(path=str(ARTIFACTS / "claim_cluster.png"), full_page=True)


def test_hostile_article_runs_no_script(web, base_url):
    web.goto(f"{base_url}/articles/sample-hostile")
    web.locator("#text .claim").first.hover()
    web.locator("#text .claim").first.click()
    assert web.evaluate("window.__xss") is None
    assert web.dialogs == []  # type: ignore[attr-defined]
    assert web.locator("#text img, #text script, #text b, .meta img, .meta a[href^='javascript']").count() == 0
    assert "<script>" in web.locator("h1.headline").inner_text()  # shown as text
    assert "</textarea>" in web.locator("#text").inner_text()
    web.screenshot(path=str(ARTIFACTS / "hostile_article.png"), full_page=True)


def test_timeline_and_search(web, base_url):
    web.goto(f"{base_url}/timeline")
    assert web.locator("svg.timeline circle.mod-planned").count() >= 1
    assert web.locator("svg.timeline circle.mod-occurred").count() >= 1
    web.screenshot(path=str(ARTIFACTS / "timeline.png"), full_page=True)
    web.goto(f"{base_url}/")
    web.fill("header input[name=q]", "Pioniere")
    web.press("header input[name=q]", "Enter")
    web.wait_for_url("**/search?q=Pioniere")
    assert "Pioniere für die Front" in web.locator("ol.results").inner_text()


def test_analyze_upload_shows_the_analysis(web, base_url):
    web.goto(f"{base_url}/analyze")
    web.fill("#text-input", "Die Regierung plant laut einem Bericht neue Gesetze. <script>window.__xss=1</script>")
    web.click("form.analyze button[type=submit]")
    web.wait_for_url("**/analyze")
    assert "not stored" in web.locator(".meta").inner_text()
    assert "neue Gesetze" in web.locator("#text").inner_text()
    assert web.evaluate("window.__xss") is None


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/fixtures")
def test_seed_article_page(web, base_url, seed_doc):
    """The real seed article as the pipeline analyzes it: each layer shown once it exists."""
    doc = seed_doc
    web.goto(f"{base_url}/articles/seed")
    assert "Kim schickt militärische Bautruppen" in web.locator("#text").inner_text()
    if any(k.kind == "headline_overstatement" for k in doc.checks or ()):
        assert web.locator(".banner-headline_overstatement").is_visible()
    if doc.claims:
        assert web.locator("#text .claim").count() >= 1
    if any(e.wikidata == "Q423" for e in doc.entities or ()):
        assert web.locator('#text a.ent[href="/entities/Q423"]').count() >= 1
    web.screenshot(path=str(ARTIFACTS / "seed_article_top.png"))
    web.screenshot(path=str(ARTIFACTS / "seed_article.png"), full_page=True)
