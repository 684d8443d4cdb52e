#!/usr/bin/env python3
"""A real browser on `kzlg serve`: Debian's headless Chromium, driven by Selenium through Debian's
chromedriver at an explicit path (so Selenium Manager downloads nothing). It opens the home page,
searches a name written in Cyrillic, follows links from a person to a post to a law, runs a
catalogue query on the query page and checks the table it shows against `kzlg query`. Screenshots
go to target/screenshots/.

    python3 tests/browser/check_serve_browser.py target/release/kzlg [--chromedriver /usr/bin/chromedriver]
"""
import argparse
import csv
import io
import os
import subprocess
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as seen
from selenium.webdriver.support.ui import Select, WebDriverWait

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "python"))
from kzlg_server import ROOT, KzlgServer  # noqa: E402

SHOTS = os.path.join(ROOT, "target", "screenshots")


def browser(chromedriver, chromium):
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,1400", "--lang=en-US", "--no-first-run", "--disable-extensions",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(executable_path=chromidriver_checked(chromedriver)), options=options)


def chromidriver_checked(path):
    if not os.access(path, os.X_OK):
        sys.exit(f"check_serve_browser: no chromedriver at {path} (Debian package chromium-driver)")
    return path


def shot(driver, name):
    os.makedirs(SHOTS, exist_ok=True)
    path = os.path.join(SHOTS, name + ".png")
    driver.save_screenshot(path)
    print(f"  screenshot {os.path.relpath(path, ROOT)}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("kzlg", nargs="?", default=os.path.join(ROOT, "target", "release", "kzlg"))
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    failures = []

    def check(condition, what):
        print(("  ok   " if condition else "  FAIL ") + what)
        if not condition:
            failures.append(what)

    with KzlgServer(args.kzlg) as server:
        driver = browser(args.chromedriver, args.chromium)
        wait = WebDriverWait(driver, 20)
        try:
            # Home: the picture, the regions, the counts.
            driver.get(server.url + "/")
            check("kzlg" in driver.title, f"home page title {driver.title!r}")
            picture = driver.find_element(By.CSS_SELECTOR, "img.picture")
            check(driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", picture),
                  "the institutional picture is loaded (from the binary)")
            check(len(driver.find_elements(By.CSS_SELECTOR, "#regions a")) > 5, "entry points by region")
            shot(driver, "home")

            # Search a name written in Cyrillic, from the header's box.
            box = driver.find_element(By.CSS_SELECTOR, "header input[type=search]")
            box.send_keys("Мустафин")
            box.submit()
            wait.until(seen.presence_of_element_located((By.ID, "entities")))
            first = driver.find_element(By.CSS_SELECTOR, "#entities li a")
            check(first.get_attribute("href").endswith("/id/person/askarbek-mustafin"),
                  f"Мустафин finds Askarbek Mustafin first ({first.text})")
            shot(driver, "search")

            # Person → post → law.
            first.click()
            wait.until(seen.title_contains("Mustafin"))
            check("Rayon Akim, Zhambylsky" in driver.page_source, "the person's page shows the quote")
            shot(driver, "entity-person")
            post = driver.find_element(By.CSS_SELECTOR, "a[href='/id/post/akim-zhambyl-district-nko']")
            post.click()
            wait.until(seen.url_contains("/id/post/akim-zhambyl-district-nko"))
            laws = driver.find_elements(By.CSS_SELECTOR, "a[href^='/id/law/']")
            check(len(laws) > 0, f"the post's page links to laws ({len(laws)})")
            shot(driver, "entity-post")
            law_href = laws[0].get_attribute("href")
            laws[0].click()
            wait.until(seen.url_to_be(law_href))
            check(driver.find_element(By.TAG_NAME, "h1").text.strip() != "", f"the law's page ({driver.title})")
            shot(driver, "entity-law")

            # The query page: choose a catalogue query, run it, read the table.
            driver.get(server.url + "/query")
            Select(driver.find_element(By.ID, "examples")).select_by_value("who-appoints-akims")
            check("SELECT" in driver.find_element(By.ID, "sparql").get_attribute("value"),
                  "choosing a ready question fills the editor")
            driver.find_element(By.ID, "run").click()
            wait.until(seen.presence_of_element_located((By.ID, "answer")))
            table = driver.find_element(By.ID, "answer")
            header = [th.text for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
            rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
            expected = list(csv.reader(io.StringIO(subprocess.run(
                [os.path.abspath(args.kzlg), "query", "who-appoints-akims", "--format", "csv"],
                cwd=ROOT, check=True, capture_output=True, text=True).stdout)))
            check(header == expected[0], f"the table's columns are the query's ({header})")
            check(len(rows) == len(expected) - 1, f"the table has the {len(expected) - 1} rows of kzlg query ({len(rows)})")
            check("rows" in driver.find_element(By.ID, "status").text, "the status says how many rows")
            shot(driver, "query")

            # A broken query shows the server's message, with line and column.
            editor = driver.find_element(By.ID, "sparql")
            editor.clear()
            editor.send_keys("SELECT ?x WHERE { ?x a }")
            driver.find_element(By.ID, "run").click()
            wait.until(seen.presence_of_element_located((By.ID, "error")))
            check("query:1:" in driver.find_element(By.ID, "error").text, "a syntax error is shown with its place")
        finally:
            driver.quit()
    if failures:
        sys.exit(f"check_serve_browser: {len(failures)} checks failed")
    print("check_serve_browser: home, Cyrillic search, person → post → law and the query page work in Chromium")


if __name__ == "__main__":
    main()
