"""A real browser (headless Chromium through Selenium and Debian's chromium-driver)
signs in, reports progress, sees the status and the Gantt chart change, and is
refused a task its ward does not lead."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from urbangov_web import Accounts, create_app, load_site_files

from conftest import BEN_NGHE, BEN_THANH, PASSWORD
from urbangov.tracking import SQLiteStore

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def _need_browser() -> None:
    missing = [p for p in (CHROMIUM, DRIVER) if not Path(p).exists()]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("the selenium package")
    if missing:
        reason = f"needs {', '.join(missing)} (apt-get install chromium chromium-driver)"
        if os.environ.get("URBANGOV_REQUIRE_TOOLS") == "1":
            pytest.fail(f"{reason}, and URBANGOV_REQUIRE_TOOLS=1 says it must run")
        pytest.skip(reason)


@pytest.fixture
def served(example: Path, store: SQLiteStore, accounts: Accounts) -> Iterator[str]:
    """The app on 127.0.0.1 (a free port), in a thread; its base URL."""
    import uvicorn

    plan, organisation = load_site_files(example)
    app = create_app(plan, store, accounts, organisation=organisation, secret_key="browser")
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    give_up = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < give_up, "the server did not start"
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def browser() -> Iterator[object]:
    _need_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=vi"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def test_a_ward_official_reports_in_a_real_browser(served: str, browser: object) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.support import expected_conditions as seen
    from selenium.webdriver.support.ui import Select, WebDriverWait

    assert isinstance(browser, WebDriver)
    wait = WebDriverWait(browser, 20)

    def bars() -> int:
        browser.get(f"{served}/gantt")
        wait.until(seen.presence_of_element_located((By.TAG_NAME, "svg")))
        found: int = browser.execute_script(
            "return document.querySelectorAll('rect.progress').length"
        )
        return found

    browser.get(f"{served}/report")  # not signed in: sent to sign in
    wait.until(seen.url_contains("/login"))
    browser.find_element(By.ID, "account").send_keys("ben-nghe")
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    browser.find_element(By.ID, "sign-in").click()
    wait.until(seen.presence_of_element_located((By.ID, "task")))
    offered = [
        o.get_attribute("value") for o in Select(browser.find_element(By.ID, "task")).options
    ]
    assert offered == [BEN_NGHE]  # only the form for what the ward may write

    before = bars()
    browser.get(f"{served}/report")
    wait.until(seen.presence_of_element_located((By.ID, "task")))
    browser.execute_script("document.getElementById('actual_start').value = '2021-06-01'")
    browser.find_element(By.ID, "percent_complete").send_keys("40")
    browser.find_element(By.ID, "note").send_keys("Đã rà soát xong hồ sơ")
    browser.find_element(By.ID, "send").click()
    done = wait.until(seen.presence_of_element_located((By.ID, "done")))
    assert BEN_NGHE in done.text
    after = bars()
    assert after > before  # the Gantt fills the ward's bar (and those it rolls up into)

    browser.get(f"{served}/status")
    wait.until(seen.presence_of_element_located((By.TAG_NAME, "h1")))
    assert "Kế hoạch triển khai" in browser.page_source

    # A forged choice (another ward's task) is refused, with the reason.
    browser.get(f"{served}/report")
    wait.until(seen.presence_of_element_located((By.ID, "task")))
    browser.execute_script(
        "const o = document.createElement('option'); o.value = arguments[0];"
        "document.getElementById('task').appendChild(o); "
        "document.getElementById('task').value = arguments[0];",
        BEN_THANH,
    )
    browser.execute_script("document.getElementById('actual_start').value = '2021-06-01'")
    browser.find_element(By.ID, "percent_complete").send_keys("90")
    browser.find_element(By.ID, "send").click()
    error = wait.until(seen.presence_of_element_located((By.ID, "error")))
    assert "may not write the progress report" in error.text
    assert bars() == after  # nothing changed
