"""Publishing: share-ready pages, sitemap, robots.txt, a 404 page, search, last-updated dates, imprint, deploy workflow."""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
import urllib.request
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from helpers import BASE_URL, CHAPTERS, PROJECT_ROOT, footer_edition

pytestmark = pytest.mark.book


def meta(page: BeautifulSoup) -> dict[str, str]:
    """Return a page's meta tags by name or property."""
    return {
        (t.get("property") or t.get("name")): t["content"]
        for t in page.select("meta[content]")
        if t.get("property") or t.get("name")
    }


@pytest.mark.parametrize("name", CHAPTERS)
def test_pages_are_share_ready(book, name):
    """Each page has a canonical URL, OpenGraph title, description, URL and image, and a Twitter card."""
    page = BeautifulSoup(book.page(name), "html.parser")
    tags = meta(page)
    url = f"{BASE_URL}chapters/{name}.html"
    assert page.select_one('link[rel="canonical"]')["href"] == url
    assert tags["og:url"] == url and tags["og:title"] == page.select_one("h1").get_text().rstrip("#")
    assert len(tags["og:description"]) > 40 and tags["og:image"].startswith(BASE_URL)
    assert (book.html / tags["og:image"].removeprefix(BASE_URL)).exists()
    assert tags["twitter:card"] == "summary_large_image" and tags["description"]


def test_sitemap_lists_every_page_and_robots_names_it(book):
    """sitemap.xml lists every chapter under the base URL, and robots.txt points to it."""
    tree = ET.parse(book.html / "sitemap.xml")
    urls = {loc.text for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert {f"{BASE_URL}chapters/{name}.html" for name in CHAPTERS} <= urls
    assert f"Sitemap: {BASE_URL}sitemap.xml" in (book.html / "robots.txt").read_text()


def test_friendly_404_links_back_without_broken_links(book):
    """The 404 page exists, explains itself, and every link on it leads to a built page."""
    page = BeautifulSoup((book.html / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert "Page not found" in page.get_text()
    links = [a["href"] for a in page.select("a[href]")]
    assert f"{BASE_URL}chapters/index.html" in links
    for href in links:
        assert href.startswith(BASE_URL) and (book.html / href.removeprefix(BASE_URL)).exists(), href


def test_without_base_url_nothing_is_guessed(unpublished_book):
    """Built without BRIEFING_BASE_URL: no canonical, og:url, og:image or sitemap, and robots.txt names no sitemap."""
    built = unpublished_book
    html = built.page("eu")
    assert 'rel="canonical"' not in html and "og:url" not in html and "og:image" not in html and "og:title" in html
    assert not (built.html / "sitemap.xml").exists() and "Sitemap" not in (built.html / "robots.txt").read_text()


def test_each_page_says_when_it_was_last_updated(book, dataset):
    """Each chapter shows the date of the last commit to it or its data (not the build date) and its edition."""
    for name in CHAPTERS:
        footer = " ".join(f.get_text() for f in BeautifulSoup(book.page(name), "html.parser").select("footer"))
        assert "Last updated on 15 January 2026." in footer, name
        assert footer_edition(dataset) in footer


@pytest.mark.parametrize(
    ("query", "anchor"),
    [
        ("Engelmann", "chapters/eu.html#engelmann"),
        ("Orkestra", "chapters/international-experts.html#wilson"),
        ("lead markets", "chapters/international-experts.html#terstriep"),
        ("IT security", "chapters/ruhr-stakeholders.html#meyer"),
    ],
)
def test_search_finds_contributions_and_links_to_the_section(visit, query, anchor):
    """The book's own search finds a speaker, an organisation or a theme and links straight to the contribution."""
    page = visit(f"search.html?q={query.replace(' ', '+')}").page
    page.wait_for_selector("#search-results ul li a", timeout=15_000)
    hrefs = page.eval_on_selector_all("#search-results ul li a", "as => as.map(a => a.getAttribute('href'))")
    assert any(h.endswith(anchor) or h.split("?")[0] + "#" + h.split("#")[-1] == anchor for h in hrefs), hrefs


def test_imprint_privacy_and_corrections_pages(book):
    """The imprint and privacy pages exist, show unfilled publisher fields as marked gaps, and say how to report a correction."""
    imprint = book.page("imprint")
    assert (
        "Imprint (Impressum)" in imprint
        and 'class="briefing-gap"' in imprint
        and "contact_email in data/publication.yml" in imprint
    )
    assert "Report a correction" in imprint
    privacy = BeautifulSoup(book.page("privacy"), "html.parser").get_text()
    assert "sets no cookies" in privacy and "no analytics" in privacy


def test_make_serve_previews_the_book_on_a_chosen_port(book):
    """`make serve PORT=...` serves the built book on 127.0.0.1 at the chosen port."""
    port = 8765 + os.getpid() % 1000
    server = subprocess.Popen(
        ["make", "-C", str(book.project), "serve", f"PORT={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        for _ in range(50):
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/chapters/eu.html", timeout=1).read().decode()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("make serve did not answer")
        assert "Dr. Ulla Engelmann" in body
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_deploy_workflow_lints_clean_and_publishes_what_make_book_builds():
    """The Pages workflow passes actionlint, tests before it builds, builds with make book, deploys with the official actions."""
    workflow = PROJECT_ROOT / ".github" / "workflows" / "deploy.yml"
    result = subprocess.run(
        ["node", str(PROJECT_ROOT / "tests" / "tools" / "lint-workflows.cjs"), str(workflow)],
        check=False,
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env={**os.environ, "NODE_PATH": str(PROJECT_ROOT / "node_modules")},
    )
    assert result.returncode == 0 and json.loads(result.stdout) == [], result.stdout + result.stderr
    text = workflow.read_text()
    assert "needs: test" in text and "needs: build" in text and "run: make book" in text and "bash .ci/run" in text
    assert "actions/upload-pages-artifact@" in text and "actions/deploy-pages@" in text
    assert re.search(r"BRIEFING_BASE_URL: \$\{\{ steps\.pages\.outputs\.base_url \}\}/", text)


def test_data_page_describes_the_dataset_inline(book, dataset):
    """Only the page offering the data carries a schema.org Dataset (inline JSON-LD), and its download links exist in the book."""
    found = {}
    for name in CHAPTERS:
        scripts = BeautifulSoup(book.page(name), "html.parser").select('script[type="application/ld+json"]')
        if scripts:
            found[name] = [json.loads(s.string) for s in scripts]
    assert list(found) == ["data-and-method"] and len(found["data-and-method"]) == 1, found
    described = found["data-and-method"][0]
    assert described["@type"] == "Dataset" and described["url"] == f"{BASE_URL}chapters/data-and-method.html"
    urls = [d["contentUrl"] for d in described["distribution"]]
    assert urls and all(url.startswith(BASE_URL) and (book.html / url.removeprefix(BASE_URL)).is_file() for url in urls), urls
    assert (book.html / "downloads" / "datapackage.json").is_file() and (book.html / "downloads" / "README.md").is_file()
