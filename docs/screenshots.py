"""Take the screenshots of docs/web.md: each main page of ``svdocs serve`` at 1280x800.

    .venv/bin/python docs/screenshots.py        # writes docs/images/web-*.png

Needs the web and test extras and Debian's chromium and chromium-driver. The server runs on
127.0.0.1 with a throwaway data folder and reviews the bundled weak contract schedule.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests" / "web"))

from browser import chrome, wait_for  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

from svdocs.web.server import serve_in_thread  # noqa: E402
from svdocs.web.settings import WebSettings  # noqa: E402


def main() -> None:
    out = HERE / "images"
    out.mkdir(exist_ok=True)
    sample = ROOT / "samples" / "drafts" / "schedule-weak.docx"
    with tempfile.TemporaryDirectory() as tmp, \
            serve_in_thread(WebSettings(data_dir=Path(tmp) / "data")) as url, \
            chrome(Path(tmp) / "profile", Path(tmp) / "downloads") as driver:
        def shot(name: str) -> None:
            time.sleep(0.3)
            driver.save_screenshot(str(out / f"web-{name}.png"))
            print(f"wrote docs/images/web-{name}.png")

        driver.get(url + "/")
        shot("upload")
        driver.find_element(By.ID, "file-input").send_keys(str(sample))
        driver.find_element(By.ID, "upload-button").click()
        wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".card"), 120)
        cards = driver.find_elements(By.CSS_SELECTOR, ".card")
        cards[1].click()
        time.sleep(0.6)
        shot("review")
        driver.get(url + "/reviews")
        shot("reviews")
        driver.get(url + "/assemble")
        driver.find_element(By.ID, "in-authority").send_keys("Northshire County Council")
        driver.find_element(By.ID, "in-weighting").send_keys("5")
        driver.find_element(By.ID, "assemble-button").click()
        wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".field.invalid"), 30)
        driver.execute_script("document.querySelector('.field.invalid').scrollIntoView()")
        shot("assemble-errors")
        driver.get(url + "/assemble")
        for name, value in (("authority", "Northshire County Council"),
                            ("contract_title", "Social Prescribing Partnership"),
                            ("reference", "NCC-2027-014"), ("value", "2400000"),
                            ("term", "4 years"), ("weighting", "15")):
            driver.find_element(By.ID, f"in-{name}").send_keys(value)
        for theme in ("health-wellbeing", "community"):
            driver.find_element(By.CSS_SELECTOR, f"input[name=themes][value={theme}]").click()
        driver.find_element(By.ID, "assemble-button").click()
        wait_for(driver, lambda d: d.find_elements(By.ID, "download-zip"), 60)
        shot("assembled")
        driver.get(url + "/clauses/local-employment")
        shot("clause")
        driver.get(url + "/rules?q=evidence")
        shot("rules")


if __name__ == "__main__":
    main()
