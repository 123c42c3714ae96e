"""The landing page in a real browser: headless Chromium from the system packages, driven by
Playwright, with every request that is not a local file refused.

Skipped, with the reason, when Playwright or Chromium is missing (`make browser` or `.ci/run`
installs Chromium; Playwright comes with the test requirements).
"""

import shutil
from pathlib import Path

import pytest
from conftest import CORPUS

from pipeline.assets.publishing import package_sources
from pipeline.build import build_tables
from pipeline.publish import publish

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
# Our own sentences: a series over years, so the residents chart has a line to draw.
SERIES = "Mongolian residents in Japan numbered 4,120 in 2008, 5,870 in 2012 and 9,360 in 2016, according to the immigration statistics.\n"


@pytest.fixture(scope="module")
def page_folder(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    shutil.copytree(CORPUS, raw, dirs_exist_ok=True)
    (raw / "series.txt").write_text(SERIES, encoding="utf-8")
    out = tmp_path_factory.mktemp("published")
    tables = build_tables(raw)
    publish(tables, package_sources(tables["documents"]), out, say=lambda _: None)
    return out


@pytest.fixture
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed (requirements-test.lock has it)")
    executable = CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")
    if not executable:
        pytest.skip("no Chromium at /usr/bin/chromium: run `make browser` (apt-get install chromium) to run the browser tests")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(executable), args=LAUNCH_ARGS)
        yield browser
        browser.close()


def test_latest_page_shows_charts_and_leads_each_value_to_its_quote(page_folder, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    refused = []

    def only_files(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.route("**/*", only_files)
    page.goto((page_folder / "latest" / "index.html").as_uri())

    # The charts were drawn at publish time: SVG with marks, laid out with a size.
    charts = page.locator("figure.chart svg")
    assert charts.count() >= 3
    residents = page.locator("#chart-residents_by_year figure.chart svg")
    box = residents.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 150
    assert residents.locator("path").count() > 5  # axes, grid and the line
    assert "2016" in residents.inner_html() or residents.locator("text", has_text="2016").count()

    # One value, followed to its quote: highlighted, in its sentence, in view.
    value = page.locator("#chart-residents_by_year a.value", has_text="5,870")
    target = value.get_attribute("href")
    value.click()
    page.wait_for_function("() => location.hash.length > 1")
    assert page.evaluate("location.hash") == target
    mark = page.locator(f"mark{target}")
    assert mark.inner_text() == "5,870"
    assert mark.evaluate("m => m.matches(':target')")
    highlighted = mark.evaluate("m => getComputedStyle(m).backgroundColor")
    plain = page.locator(".sentence mark:not(:target)").first.evaluate("m => getComputedStyle(m).backgroundColor")
    assert highlighted != plain
    sentence = page.locator(".sentence", has=mark)
    assert "numbered 4,120 in 2008" in sentence.inner_text()
    assert sentence.evaluate("s => getComputedStyle(s).backgroundColor") not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
    assert "series.txt" in page.locator("article", has=sentence).first.inner_text()
    assert mark.evaluate("m => { const r = m.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")

    shot = tmp_path / "landing-page.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000
    assert refused == [], f"the page asked the network for {refused}"
