"""The Dagster UI in a real browser: "Materialize all" of the `everything` job, as an analyst does it.

Starts `dagster dev` (webserver and daemon, as `make ui` does) on our fixture corpus in temporary
folders, opens the job's page in headless Chromium from the system packages (driven by
Playwright), clicks "Materialize all", waits on the run's own page for it to succeed, and opens
every table asset's page to find its row count. Skipped, with the reason, when Playwright or
Chromium is missing (`make browser` or `.ci/run` installs Chromium).
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT
from test_browser import CHROMIUM, LAUNCH_ARGS

from pipeline import schema

pytestmark = pytest.mark.slow
LOCATION = "mongolia_japan_figures"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def ui(tmp_path_factory):
    base = tmp_path_factory.mktemp("ui")
    shutil.copytree(CORPUS, base / "raw")
    home = base / "home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    port = _free_port()
    env = dict(
        os.environ,
        DAGSTER_HOME=str(home),
        PIPELINE_RAW_DIR=str(base / "raw"),
        PIPELINE_PUBLISHED_DIR=str(base / "published"),
        PIPELINE_DOCUMENT_STORE=str(base / "store"),
    )
    dagster = Path(sys.executable).parent / "dagster"
    log = open(base / "dagster-dev.log", "w")  # noqa: SIM115 (closed below)
    server = subprocess.Popen(
        [str(dagster), "dev", "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 180
        while True:
            try:
                urllib.request.urlopen(url + "/server_info", timeout=5)
                break
            except OSError:
                if server.poll() is not None or time.time() > deadline:
                    pytest.fail(f"dagster dev did not start: {(base / 'dagster-dev.log').read_text()[-3000:]}")
                time.sleep(1)
        yield url, base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()


@pytest.fixture(scope="module")
def page(ui):
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed (requirements-test.lock has it)")
    executable = CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")
    if not executable:
        pytest.skip("no Chromium at /usr/bin/chromium: run `make browser` (apt-get install chromium) to run the browser tests")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(executable), args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.set_default_timeout(60_000)
        yield page
        browser.close()


def _dismiss_greeting(page) -> None:
    """A new browser profile is greeted once with a newsletter dialog; it is skipped."""
    page.wait_for_timeout(1500)
    skip = page.get_by_role("button", name="Skip")
    if skip.count():
        skip.click()


def test_materialize_all_succeeds_and_every_table_shows_its_row_count(ui, page, tmp_path):
    url, base = ui
    page.goto(f"{url}/locations/{LOCATION}/jobs/everything")
    button = page.get_by_role("button", name="Materialize all")
    button.wait_for()
    _dismiss_greeting(page)
    button.click()
    # The launch lands in the run list; the run's own page says when it has succeeded.
    page.wait_for_timeout(2000)
    page.screenshot(path=str(tmp_path / "launched.png"))
    page.goto(f"{url}/runs")
    page.locator("a[href*='/runs/']").first.click()
    page.wait_for_url("**/runs/*")
    status = page.get_by_text("Success", exact=True).or_(page.get_by_text("Failure", exact=True)).first
    status.wait_for(timeout=180_000)
    page.screenshot(path=str(tmp_path / "run.png"))
    assert status.inner_text() == "Success", (base / "dagster-dev.log").read_text()[-3000:]
    assert (base / "published" / "latest" / "datapackage.json").is_file()

    missing = []
    for table in schema.tables():
        page.goto(f"{url}/assets/{table}")
        count = page.get_by_text("Row count", exact=True)
        count.wait_for()
        box = page.locator("div", has=count).filter(has_text=r"Row count").last
        if not any(ch.isdigit() for ch in box.inner_text().replace("Row count", "")):
            missing.append(table)
    page.screenshot(path=str(tmp_path / "asset.png"))
    assert missing == [], f"no row count shown for {missing}"
