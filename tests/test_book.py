"""Look at the built book as a reader does: every page, in a real browser (the system Chromium,
driven by Playwright), at a 1280 x 900 window and on a 390 px phone.

One item per page of the book. At 1280 px nothing is cut off: no code block (input or output),
table or display equation is wider than the article column, no image wider than the window; the
math is typeset (no raw TeX left); no nbdev directive, hidden cell, show_doc call or traceback
shows; a notebook page has its Colab button and a paper page its diagram. At 390 px the page
itself does not scroll sideways (a wide block may scroll inside its own box).

Each worker starts one browser and reuses one tab for all its pages. Needs the book built first
(`bash tools/book.sh`, which `bash tools/test.sh` runs), Chromium (`.ci/run` installs it) and
Playwright (in requirements-dev.txt); without one of them the test skips and says why.
"""

import os
import shutil
import sys
from pathlib import Path

import pytest

from conftest import ROOT

HTML = Path(os.environ.get("ATTN_NBS_BOOK_HTML", ROOT / "_build" / "html"))  # another build
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
DESKTOP, PHONE = dict(width=1280, height=900), dict(width=390, height=844)


def book_pages() -> list:
    "Every page of the table of contents, as the path of its HTML file."
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from execute_notebooks import toc_files  # the one reading of _toc.yml
    finally:
        sys.path.pop(0)
    return sorted({f"{f}.html" for f in toc_files()})


# What one page looks like at the current window size, measured in the page. The article column
# is the content box of `article.bd-article`; an element is wider than it when its scrollWidth (its
# content's full width) exceeds the column's width.
MEASURE = """() => {
  const art = document.querySelector('article.bd-article');
  const cs = getComputedStyle(art);
  const col = art.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  const win = document.documentElement.clientWidth;
  const text = el => el.textContent.trim().replace(/\\s+/g, ' ').slice(0, 70);
  const wide = (els, width) => Array.from(els)
    .filter(el => el.offsetParent !== null && width(el) > col + 1)
    .map(el => `${Math.round(width(el) - col)} px too wide: ${text(el)}`);
  const math = art.querySelectorAll('mjx-container[display="true"]');
  return {
    column: col,
    code: wide(art.querySelectorAll('pre'), el => Math.max(el.scrollWidth, el.offsetWidth)),
    tables: wide(art.querySelectorAll('table'), el => el.scrollWidth),
    equations: wide(math, el => el.firstElementChild ? el.firstElementChild.scrollWidth : 0),
    images: Array.from(document.querySelectorAll('img'))
      .filter(im => im.offsetParent !== null && im.getBoundingClientRect().right > win + 1)
      .map(im => `${Math.round(im.getBoundingClientRect().width)} px wide: ${im.src.slice(-50)}`),
    mathjax: art.querySelectorAll('mjx-container').length,
    raw_tex: Array.from(art.querySelectorAll('.math'))
      .filter(el => !el.querySelector('mjx-container') && /\\\\[(\\[]|\\$\\$/.test(el.textContent))
      .map(text),
    text: document.body.innerText,
    html: document.documentElement.outerHTML,
  };
}"""
PAGE_SCROLL = "() => document.documentElement.scrollWidth - window.innerWidth"
TYPESET = """() => (window.MathJax && MathJax.startup && MathJax.startup.promise)
  ? MathJax.startup.promise.then(() => true) : false"""


@pytest.fixture(scope="module")
def tab():
    "One browser and one tab per test worker, reused for every page it checks."
    if not (HTML / "nbs" / "index.html").exists():
        pytest.skip(f"the book is not built ({HTML} missing): run bash tools/book.sh")
    browser_path = next((b for b in map(shutil.which, BROWSERS) if b), None)
    if browser_path is None:
        pytest.skip(
            "no Chromium on this machine: apt-get install chromium to check the rendered book"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright is not installed: pip install -r requirements-dev.txt")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=["--no-sandbox"])
        page = browser.new_page(viewport=DESKTOP)
        yield page
        browser.close()


def look(tab, page: str) -> dict:
    "Open `page` at 1280 px, let MathJax typeset, measure; then the page's own scroll at 390 px."
    tab.set_viewport_size(DESKTOP)
    tab.goto((HTML / page).as_uri())
    tab.evaluate(TYPESET)
    found = tab.evaluate(MEASURE)
    tab.set_viewport_size(PHONE)
    found["phone_scroll"] = tab.evaluate(PAGE_SCROLL)
    return found


@pytest.mark.parametrize("page", book_pages())
def test_page_as_a_reader_sees_it(tab, page):
    if not (HTML / page).exists():
        pytest.fail(f"{page} is in _toc.yml but was not built")
    m = look(tab, page)
    problems = [f"code block {c}" for c in m["code"]]
    problems += [f"table {t}" for t in m["tables"]]
    problems += [f"display equation {e}" for e in m["equations"]]
    problems += [f"image {i}" for i in m["images"]]
    problems += [f"raw TeX (MathJax did not typeset it): {t}" for t in m["raw_tex"]]
    text, html = m["text"], m["html"]
    if (ROOT / page.replace(".html", ".ipynb")).exists():  # a notebook (not a Markdown page)
        for leak, why in [
            ("#|", "an nbdev directive shows"),
            ("google.colab", "the hidden Colab install cell shows"),
            ("nbdev.showdoc", "the hidden show_doc import shows"),
            ("show_doc(", "a show_doc call shows (its output is the point)"),
            ("Traceback", "an error traceback shows"),
        ]:
            if leak in text:
                problems.append(why)
        if "colab.research.google.com" not in html:
            problems.append("no Colab launch button")
        paper_page = "/core/" not in page and page not in ("nbs/index.html", "nbs/benchmarks.html")
        if paper_page and html.count("<img") < 1:
            problems.append("a paper page without its diagram")
    if m["phone_scroll"] > 1:
        problems.append(f"at 390 px the page itself scrolls sideways by {m['phone_scroll']} px")
    col = round(m["column"])
    assert not problems, f"{page} (column {col} px at 1280):\n  " + "\n  ".join(problems)


def test_se_page_typesets_its_math(tab):
    "The worked example's equations are typeset by MathJax (served with the book, no network)."
    m = look(tab, "nbs/attention/se.html")
    assert m["mathjax"] >= 5, "MathJax did not render the equations"
