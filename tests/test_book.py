"""Look at the built book as a reader does: headless Chromium renders the SE page (and one page per
family); every built page is checked for leaks, its Colab button and its figure.

Needs the book built first (`bash tools/book.sh`, which `bash tools/test.sh` runs) and Chromium
(`.ci/run` installs it). Without either, the test skips and says why.
"""
import re
import shutil
import subprocess
import tempfile

import pytest

from conftest import ROOT

HTML = ROOT / "_build" / "html"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def _browser():
    return next((b for b in map(shutil.which, BROWSERS) if b), None)


def render(page: str) -> str:
    "The DOM of a built page after its scripts ran (MathJax included)."
    browser = _browser()
    if browser is None:
        pytest.skip("no Chromium on this machine: install it (apt-get install chromium) to check the rendered book")
    path = HTML / page
    if not path.exists():
        pytest.skip(f"the book is not built ({path} missing): run bash tools/book.sh")
    with tempfile.TemporaryDirectory() as profile:
        r = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             "--virtual-time-budget=8000", "--dump-dom", path.as_uri()],
            capture_output=True, text=True, timeout=120,
        )
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stdout


@pytest.fixture(scope="module")
def se_page() -> str:
    return render("nbs/attention/se.html")


def test_math_rendered(se_page):
    assert se_page.count("<mjx-container") >= 5, "MathJax did not render the equations"
    raw = re.findall(r'class="math[^"]*">\s*(\\[(\[][^<]{0,40})', se_page)
    assert not raw, f"math left as raw TeX: {raw[:3]}"


def test_diagram_present(se_page):
    assert se_page.count("<img") >= 2, "the diagram images are missing"


def test_no_directive_or_hidden_cell_leaks(se_page):
    assert "#|" not in se_page, "an nbdev directive shows on the page"
    assert "google.colab" not in se_page, "the hidden Colab install cell shows on the page"
    assert "nbdev.showdoc" not in se_page, "the hidden show_doc import shows on the page"


def test_colab_button(se_page):
    assert "colab.research.google.com" in se_page, "no Colab launch button"


# Every page, read as built HTML (no browser needed): nothing hidden leaks, every page can be opened
# on Colab, every paper page shows at least one figure (its generated diagram).
def _pages():
    from conftest import notebooks
    return [str(p.relative_to(ROOT).with_suffix(".html")) for p in notebooks()]


@pytest.mark.parametrize("page", _pages())
def test_every_page_built_clean(page):
    path = HTML / page
    if not path.exists():
        pytest.skip(f"the book is not built ({path} missing): run bash tools/book.sh")
    html = path.read_text()
    assert "#|" not in html, "an nbdev directive shows on the page"
    assert "google.colab" not in html, "the hidden Colab install cell shows on the page"
    assert "nbdev.showdoc" not in html, "the hidden show_doc import shows on the page"
    assert "show_doc(" not in html, "a show_doc call shows on the page (its output is the point)"
    assert "colab.research.google.com" in html, "no Colab launch button"
    assert "Traceback" not in html, "an error traceback shows on the page"
    if "/core/" not in page and page not in ("nbs/index.html", "nbs/benchmarks.html"):
        assert html.count("<img") >= 1, "a paper page without its diagram"


# A rendered page per family besides SE: the math typesets and no TeX is left raw.
@pytest.mark.parametrize("page", ["nbs/attention/self_attention.html", "nbs/backbones/resnet.html",
                                  "nbs/conv/involution.html"])
def test_family_page_math_renders(page):
    dom = render(page)
    assert "<mjx-container" in dom, "MathJax did not render the equations"
    raw = re.findall(r'class="math[^"]*">\s*(\\[(\[][^<]{0,40})', dom)
    assert not raw, f"math left as raw TeX: {raw[:3]}"
