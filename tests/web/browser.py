"""Drive Debian's headless Chromium with selenium (browser tests and the docs' screenshots).

Nothing is downloaded: selenium is pointed at /usr/bin/chromium and /usr/bin/chromedriver,
with a fresh profile and no background networking.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("SVDOCS_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("SVDOCS_CHROMEDRIVER", "/usr/bin/chromedriver")
HOW_TO_RUN = ("browser tests need Debian's chromium and chromium-driver: "
              "apt-get install chromium chromium-driver (as .ci/run does)")


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not (Path(path).exists() or shutil.which(path)):
            return f"{path} not found; {HOW_TO_RUN}"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return 'selenium is not installed: pip install ".[test]"'
    return None


@contextlib.contextmanager
def chrome(profile: Path, downloads: Path) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads.mkdir(parents=True, exist_ok=True)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1280,800", "--hide-scrollbars", f"--user-data-dir={profile}"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads), "download.prompt_for_download": False,
        "safebrowsing.enabled": False})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        driver.set_window_size(1280, 800)
        inner = driver.execute_script("return [window.innerWidth, window.innerHeight]")
        driver.set_window_size(1280 + 1280 - inner[0], 800 + 800 - inner[1])
        yield driver
    finally:
        driver.quit()


def wait_for(driver: Any, condition: Callable[[Any], Any], timeout: float = 30) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        got = condition(driver)
        if got:
            return got
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s on {driver.current_url}")
        time.sleep(0.1)


def wait_for_file(folder: Path, suffix: str, timeout: float = 30) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in folder.glob(f"*{suffix}") if not p.name.endswith(".crdownload")]
        if done:
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"no {suffix} file was downloaded into {folder}")
